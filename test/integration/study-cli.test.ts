/**
 * `study` end to end through the real CLI and trainer: the smallest study (glorot-init, 2 seeds)
 * on tiny data prints its progress, quantities, findings and verdict as JSON lines, lists the
 * study run with an estimate, and writes its report. Asserts the output's shape, not the physics
 * (the full-size figures are the study's own business).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STUDY_VERDICTS } from '../../src/domain/studies.ts';
import { cli, tempDir } from '../helpers/cli.ts';

const tmp = tempDir();
afterAll(tmp.cleanup);

/** tiny data, and tanh only (the activation axis replaced): 4 runs of a few seconds each */
const TINY = [
  'model.activation=tanh',
  'data.imageSize=8',
  'data.trainCount=16',
  'data.valCount=8',
  'model.width=4',
  'stats.probeBatchSize=8',
];

describe('gradient-workbench study', () => {
  it('run --quick --json, then list and report', { timeout: 240_000 }, async () => {
    const db = join(tmp.dir, 'study.db');
    const set = TINY.flatMap((s) => ['--set', s]);
    const r = await cli([
      'study',
      'run',
      'glorot-init',
      '--quick',
      '--seeds',
      '2',
      ...set,
      '--json',
      '--parallel',
      '2',
      '--db',
      db,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const of = (type: string) => lines.filter((l) => l.type === type);
    expect(of('started')).toEqual([{ type: 'started', studyRunId: expect.any(String), runs: 4 }]);
    expect(of('progress').map((p) => p.done)).toEqual([1, 2, 3, 4]);
    const quantities = of('quantity');
    expect(quantities.map((q) => q.arm)).toEqual(['tanh · standard init', 'tanh · normalised init']);
    for (const q of quantities) {
      expect(q).toMatchObject({ id: 'dz-decay', unit: 'decades/layer', seeds: 2 });
      expect(Number.isFinite(q.mean) && Number.isFinite(q.std)).toBe(true);
    }
    expect(of('finding')).toHaveLength(4);
    for (const f of of('finding')) expect(STUDY_VERDICTS).toContain(f.verdict);
    const [verdict] = of('verdict');
    expect(lines[lines.length - 1]).toBe(verdict);
    expect(verdict).toMatchObject({ study: 'glorot-init', status: 'done', size: 'quick', seeds: 2 });
    expect(STUDY_VERDICTS).toContain(verdict.verdict);

    const list = await cli(['study', 'list', '--json', '--db', db]);
    expect(list.code).toBe(0);
    const glorot = JSON.parse(list.stdout).find((s: { name: string }) => s.name === 'glorot-init');
    expect(glorot.sizes.quick.estimateSeconds).toEqual(expect.any(Number));

    const out = join(tmp.dir, 'report.html');
    const report = await cli(['study', 'report', verdict.studyRunId, '--out', out, '--db', db]);
    expect(report.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Glorot &amp; Bengio (2010)');
  });

  it('refuses an unknown study and a bad --set path with exit 2, naming the problem', async () => {
    const db = join(tmp.dir, 'refused.db');
    const unknown = await cli(['study', 'run', 'nope', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown study `nope`; known: glorot-init');
    const bad = await cli(['study', 'run', 'glorot-init', '--quick', '--set', 'model.widht=4', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('set.model.widht: model has no field widht — did you mean model.width?');
  });
});
