/** The one verdict rule on effects with a known answer: a clear effect, no effect, an effect within noise. */
import { describe, expect, it } from 'vitest';
import { formatStat, seedStat } from '../../../src/studies/seed-stats.ts';
import { againstValue, decide, difference, overallVerdict } from '../../../src/studies/verdict.ts';

const stat = (values: number[]) => seedStat(values);

describe('the verdict rule (claim: an effect of at least m)', () => {
  it('a clear effect is reproduced', () => {
    const e = difference(stat([0.25, 0.24, 0.23]), stat([0.05, 0.06, 0.04]));
    expect(e.effect).toBeCloseTo(0.19, 10);
    expect(decide(e, 0.1)).toBe('reproduced');
  });

  it('no effect (small, with a small spread) is not reproduced', () => {
    const e = difference(stat([0.1, 0.11, 0.1]), stat([0.1, 0.1, 0.11]));
    expect(decide(e, 0.1)).toBe('not reproduced');
  });

  it('an effect within noise is inconclusive', () => {
    const e = difference(stat([0.5, -0.2, 0.9]), stat([0.1, 0.0, 0.2]));
    expect(e.effect).toBeGreaterThan(0.1);
    expect(decide(e, 0.1)).toBe('inconclusive');
  });

  it('a clear effect smaller than the claim needs is not reproduced', () => {
    expect(decide(againstValue(stat([0.02, 0.021, 0.019]), 0), 0.1)).toBe('not reproduced');
  });

  it('one seed has no spread: inconclusive, however large the effect', () => {
    expect(decide(againstValue(stat([5]), 0), 0.1)).toBe('inconclusive');
  });

  it('a NaN effect (nothing measured) is inconclusive', () => {
    expect(decide({ effect: NaN, spread: 0, seeds: 3 }, 0.1)).toBe('inconclusive');
  });
});

describe('the verdict rule (claim: no effect beyond m)', () => {
  it('an effect clearly inside ±m is reproduced', () => {
    expect(decide(againstValue(stat([1.098, 1.099, 1.1]), Math.log(3)), 0.03, 'none')).toBe('reproduced');
  });

  it('a clear effect beyond m is not reproduced', () => {
    expect(decide(againstValue(stat([0.9, 0.95, 0.92]), Math.log(3)), 0.03, 'none')).toBe('not reproduced');
  });

  it('a spread that straddles m is inconclusive', () => {
    expect(decide(againstValue(stat([1.0, 1.2, 1.1]), Math.log(3)), 0.03, 'none')).toBe('inconclusive');
  });
});

describe('the overall verdict', () => {
  it('is reproduced only when every finding is, not reproduced when any is not', () => {
    expect(overallVerdict([{ verdict: 'reproduced' }, { verdict: 'reproduced' }])).toBe('reproduced');
    expect(overallVerdict([{ verdict: 'reproduced' }, { verdict: 'inconclusive' }])).toBe('inconclusive');
    expect(overallVerdict([{ verdict: 'inconclusive' }, { verdict: 'not reproduced' }])).toBe('not reproduced');
    expect(overallVerdict([])).toBeNull();
  });
});

describe('seed statistics', () => {
  it('mean, sample std (n − 1), min and max; NaN values are left out', () => {
    expect(seedStat([1, 2, 3, NaN])).toEqual({ values: [1, 2, 3], mean: 2, std: 1, min: 1, max: 3 });
    expect(seedStat([4]).std).toBe(0);
  });

  it('formats mean ± std without a minus sign on a value that rounds to zero', () => {
    expect(formatStat(seedStat([-1e-9, -2e-9]), 2)).toBe('0.00 ± 0.00');
    expect(formatStat(seedStat([-0.5, -0.7]), 2)).toBe('-0.60 ± 0.14');
    expect(formatStat(undefined)).toBe('—');
  });
});
