/** weighting-conflict's findings on synthetic runs: the conflict, and each method against fixed weights. */
import { describe, expect, it } from 'vitest';
import { weightingConflict } from '../../../src/studies/weighting-conflict.ts';
import { syntheticRun } from './synthetic.ts';

const jitter = (seed: number) => 0.004 * (seed - 2);

describe('weighting-conflict', () => {
  const METHODS = ['fixed', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'mgda'] as const;
  const runs = (accuracy: (method: string) => number) =>
    [1, 2, 3].flatMap((seed) =>
      METHODS.map((method) =>
        syntheticRun(
          {
            seed,
            model: { trunk: 'cnn', depth: 2 },
            tasks: [{ kind: 'cls', primary: true }, { kind: 'seg' }, { kind: 'recon' }],
            weighting: { method },
          },
          [
            {
              gradLog10: [-2, -1, -1],
              metrics: { 'cls/val/accuracy': accuracy(method) + jitter(seed) },
              cosines: [-0.2 + jitter(seed)],
            },
          ],
        ),
      ),
    );

  it('finds the conflict and no method beyond 0.05 of fixed weights', () => {
    const m = weightingConflict.measure(runs((method) => (method === 'pcgrad' ? 0.81 : 0.8)));
    expect(m.findings.map((f) => f.verdict)).toEqual(Array(6).fill('reproduced'));
  });

  it('a method clearly better than fixed weights is not reproduced', () => {
    const m = weightingConflict.measure(runs((method) => (method === 'mgda' ? 0.95 : 0.8)));
    expect(m.findings.find((f) => f.id === 'mgda-vs-fixed')?.verdict).toBe('not reproduced');
  });

  it('when fixed weights did not learn, agreeing with them proves nothing: inconclusive', () => {
    const m = weightingConflict.measure(runs(() => 1 / 3));
    const f = m.findings.find((x) => x.id === 'dwa-vs-fixed')!;
    expect(f.verdict).toBe('inconclusive');
    expect(f.measured).toContain('fixed weights did not learn cls');
  });
});
