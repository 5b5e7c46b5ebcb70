import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpecFile, readSpecFile, SpecFileError } from '../../../src/experiment/load-file.ts';
import { SpecError } from '../../../src/experiment/spec.ts';
import { decodeUtf8, parseJsonText } from '../../../src/experiment/text.ts';

const dir = mkdtempSync(join(tmpdir(), 'gw-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, body: string | Buffer) => {
  const f = join(dir, name);
  mkdirSync(join(f, '..'), { recursive: true });
  writeFileSync(f, body);
  return f;
};
const problem = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return (e as SpecError).issues;
  }
  throw new Error('expected a SpecError');
};

describe('readSpecFile / loadSpecFile', () => {
  it('accepts a UTF-8 BOM and keeps non-ASCII names intact', () => {
    const f = write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name": "λ café"}')]));
    const r = loadSpecFile(f);
    expect(r.kind === 'spec' && r.spec.name).toBe('λ café');
  });

  it('refuses invalid UTF-8, naming the byte offset, even after a BOM', () => {
    const f = write(
      'bad.json',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('{"name": "a'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
    );
    const [i] = problem(() => readSpecFile(f));
    expect(i).toEqual({ field: '', message: `${f}: is not valid UTF-8: bad byte sequence at byte 14` });
  });

  it.each([
    ['null', 'found null'],
    ['[]', 'found a list'],
    ['42', 'found a number'],
    ['true', 'found a boolean'],
  ])('refuses a top level of %s as bad input', (text, found) => {
    const f = write(`top-${found}.json`, text);
    expect(() => readSpecFile(f)).toThrow(SpecFileError);
    expect(problem(() => readSpecFile(f))[0].message).toMatch(new RegExp(`must hold a JSON object .*${found}`));
  });

  it('gives the line and column of a JSON syntax error', () => {
    const f = write('syntax.json', '{\n  "epochs": 3\n  "seed": 1\n}');
    expect(problem(() => readSpecFile(f))[0].message).toMatch(/not valid JSON at line 3, column 3/);
    expect(parseJsonText('{"a": tru}')).toMatchObject({ ok: false, message: expect.stringMatching(/column 10/) });
  });

  it('refuses a missing file, a directory and a device without reading them', () => {
    expect(problem(() => readSpecFile(join(dir, 'nope.json')))[0].message).toMatch(/no such file/);
    expect(problem(() => readSpecFile(dir))[0].message).toMatch(/is a directory/);
    expect(problem(() => readSpecFile('/dev/zero'))[0].message).toMatch(/not a regular file/);
  });

  it('resolves relative IDX paths against the spec file, in a spec, a base and a sweep', () => {
    const idx = { kind: 'idx', images: 'd/img', labels: '../l', valImages: '/abs/v', valLabels: 'vl' };
    const spec = readSpecFile(write('sub/spec.json', JSON.stringify({ data: idx })));
    expect(spec.value.data).toEqual({
      ...idx,
      images: join(dir, 'sub/d/img'),
      labels: join(dir, 'l'),
      valLabels: join(dir, 'sub/vl'),
    });
    const exp = readSpecFile(
      write('sub/exp.json', JSON.stringify({ name: 'e', base: { data: idx }, sweep: { 'data.images': ['x', '/y'] } })),
    );
    expect(exp.kind).toBe('experiment');
    expect((exp.value.base as { data: { images: string } }).data.images).toBe(join(dir, 'sub/d/img'));
    expect(exp.value.sweep).toEqual({ 'data.images': [join(dir, 'sub/x'), '/y'] });
  });

  it('reads through a symlinked folder and leaves shapes data alone', () => {
    symlinkSync(join(dir, 'sub'), join(dir, 'link'));
    const f = readSpecFile(join(dir, 'link', 'spec.json'));
    expect((f.value.data as { images: string }).images).toBe(join(dir, 'link/d/img'));
    const s = readSpecFile(write('shapes.json', '{"data": {"kind": "shapes", "images": "x"}}'));
    expect(s.value.data).toEqual({ kind: 'shapes', images: 'x' });
  });

  it('validates: an experiment expands; a typo is named; an override applies before validation', () => {
    const e = loadSpecFile(write('grid.json', JSON.stringify({ name: 'g', sweep: { 'model.depth': [2, 3] } })));
    expect(e.kind === 'experiment' && e.experiment.runs.map((r) => r.spec.model.depth)).toEqual([2, 3]);
    const typo = write('typo.json', '{"model": {"activaton": "sigmoid"}}');
    expect(problem(() => loadSpecFile(typo))).toEqual([
      { field: 'model.activaton', message: 'unknown field — did you mean activation?' },
    ]);
    const r = loadSpecFile(write('ok.json', '{}'), (s) => ({ ...s, epochs: 2 }));
    expect(r.kind === 'spec' && r.spec.epochs).toBe(2);
  });

  it('decodeUtf8 tells a U+FFFD written in the file from a broken sequence', () => {
    const bytes = Buffer.concat([Buffer.from('\uFFFDab'), Buffer.from([0xff])]);
    expect(decodeUtf8(bytes)).toEqual({ ok: false, message: 'is not valid UTF-8: bad byte sequence at byte 5' });
    expect(decodeUtf8(Buffer.from('\uFFFD ok'))).toEqual({ ok: true, text: '\uFFFD ok' });
  });
});
