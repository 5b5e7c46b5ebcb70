/** What `study run` prints from a result: JSON lines for machines, a table for people. */
import { describe, expect, it } from 'vitest';
import type { StudyResult } from '../../../src/domain/studies.ts';
import { resultJsonLines, resultText } from '../../../src/cli/study-output.ts';
import { glorotInit } from '../../../src/studies/glorot-init.ts';
import { geometric, syntheticRun } from '../studies/synthetic.ts';

const runs = [1, 2].flatMap((seed) =>
  (['standard', 'glorot_uniform'] as const).map((init) =>
    syntheticRun({ seed, model: { depth: 8, activation: 'tanh', init } }, [
      { dzLog10: geometric(8, (init === 'standard' ? 0.24 : 0.06) + 0.01 * seed) },
    ]),
  ),
);
const measured = glorotInit.measure(runs);
const result = {
  id: 'study-run-1',
  study: 'glorot-init',
  version: 1,
  size: 'quick',
  seeds: 2,
  overrides: {},
  experimentIds: [],
  runIds: runs.map((r) => r.id),
  status: 'done',
  progress: { done: 4, total: 4 },
  createdAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  info: { title: 'Standard vs normalised init' },
  ...measured,
  verdict: 'inconclusive',
  backend: null,
  appVersion: '0.0.0',
} as unknown as StudyResult;

describe('study run output', () => {
  it('JSON lines: each quantity per arm with mean ± spread, each finding, then the verdict', () => {
    const lines = resultJsonLines(result, 12.5).map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual([
      'quantity',
      'quantity',
      'finding',
      'finding',
      'finding',
      'finding',
      'verdict',
    ]);
    expect(lines[0]).toMatchObject({ id: 'dz-decay', arm: 'tanh · standard init', seeds: 2, values: [0.25, 0.26] });
    expect(lines[0].mean).toBeCloseTo(0.255, 10);
    expect(lines[0].std).toBeCloseTo(Math.SQRT1_2 * 0.01, 10);
    expect(lines[0].expected).toBeCloseTo(0.2386, 4);
    expect(lines[6]).toEqual({
      type: 'verdict',
      study: 'glorot-init',
      version: 1,
      studyRunId: 'study-run-1',
      size: 'quick',
      seeds: 2,
      status: 'done',
      verdict: 'inconclusive',
      wallSeconds: 12.5,
      backend: null,
    });
  });

  it('a table: arms with mean ± std and n, findings with their verdicts, the overall verdict', () => {
    const text = resultText(result, 60).join('\n');
    expect(text).toContain('tanh · standard init    0.255 ± 0.007  (n=2)   expected 0.239');
    expect(text).toMatch(/\[reproduced\] tanh: the normalised init shrinks dL\/dz less/);
    // the sigmoid arms did not run: their finding has nothing to decide on
    expect(text).toMatch(/\[inconclusive\] sigmoid: even the normalised init/);
    expect(text).toContain('verdict: inconclusive (done, 60 s)');
  });
});
