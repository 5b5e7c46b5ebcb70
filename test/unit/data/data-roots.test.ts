import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataRoots, defaultDataRoots } from '../../../src/data/data-roots.ts';
import { parseSpec } from '../../../src/experiment/spec.ts';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'gw-roots-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = join(dir, 'root');
const outside = join(dir, 'outside');
mkdirSync(root);
mkdirSync(outside);
writeFileSync(join(root, 'img'), '');
writeFileSync(join(outside, 'secret'), '');
symlinkSync(outside, join(root, 'escape'));
symlinkSync(join(root, 'img'), join(outside, 'into-root'));

const fields = (images: string, labels = join(root, 'img')) =>
  checkDataRoots(parseSpec({ data: { kind: 'idx', images, labels } }), [root]).map((i) => i.field);

describe('checkDataRoots', () => {
  it('accepts paths inside a root, and shapes data always', () => {
    expect(fields(join(root, 'img'))).toEqual([]);
    expect(fields(join(root, 'missing-but-inside'))).toEqual([]);
    expect(checkDataRoots(parseSpec({}), [root])).toEqual([]);
  });

  it('refuses paths outside, by .. or through a symlink, whether or not they exist', () => {
    expect(fields(join(outside, 'secret'))).toEqual(['data.images']);
    expect(fields(join(root, '..', 'outside', 'secret'))).toEqual(['data.images']);
    expect(fields(join(root, 'escape', 'secret'))).toEqual(['data.images']);
    expect(fields(join(root, 'escape', 'no-such-file'))).toEqual(['data.images']);
    expect(fields('/etc/passwd', '/nonexistent/x')).toEqual(['data.images', 'data.labels']);
    const [a] = checkDataRoots(
      parseSpec({ data: { kind: 'idx', images: join(root, 'escape', 'secret'), labels: 'x' } }),
      [root],
    );
    const [b] = checkDataRoots(
      parseSpec({ data: { kind: 'idx', images: join(root, 'escape', 'nope'), labels: 'x' } }),
      [root],
    );
    expect(a.message.replace('secret', 'nope')).toBe(b.message);
  });

  it('follows a symlink that leads into a root', () => {
    expect(fields(join(outside, 'into-root'))).toEqual([]);
  });

  it('defaults to the user data folder and /usr/share/datasets', () => {
    expect(defaultDataRoots({ XDG_DATA_HOME: '/x' }, '/home/u')).toEqual([
      '/x/gradient-workbench/data',
      '/usr/share/datasets',
    ]);
    expect(defaultDataRoots({}, '/home/u')[0]).toBe('/home/u/.local/share/gradient-workbench/data');
  });
});
