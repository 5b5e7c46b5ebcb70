/** The plan helpers of the Studies view: scaling a plan to a seed count, the estimate in words, the progress fraction. */
import { describe, expect, it } from 'vitest';
import { formatEstimate, planFor, studyFraction } from '../../renderer/src/components/studies/plan.ts';
import { glorotInfo } from './study-fixtures.ts';

describe('study plan', () => {
  it('the study’s own seeds give its plan as stated', () => {
    expect(planFor(glorotInfo, 'quick', null)).toEqual({ ...glorotInfo.sizes.quick, scaled: false });
    expect(planFor(glorotInfo, 'quick', 3).scaled).toBe(false);
  });

  it('other seeds scale runs and estimate, not epochs', () => {
    const one = planFor(glorotInfo, 'quick', 1);
    expect(one).toMatchObject({ runs: 4, seeds: 1, epochs: 2, scaled: true });
    expect(one.estimateSeconds).toBeCloseTo(95 / 3, 9);
    expect(planFor(glorotInfo, 'full', 10)).toMatchObject({ runs: 40, epochs: 10, estimateSeconds: null });
  });

  it('states the estimate in words, or that there is none', () => {
    expect(formatEstimate(40.4)).toBe('about 40 s');
    expect(formatEstimate(95)).toBe('about 1 min 35 s');
    expect(formatEstimate(120)).toBe('about 2 min');
    expect(formatEstimate(7500)).toBe('about 2 h 5 min');
    expect(formatEstimate(null)).toMatch(/^unknown on this backend/);
  });

  it('progress counts ended runs plus the share of those training, within 0..1', () => {
    expect(studyFraction({ done: 0, total: 0 }, [])).toBe(0);
    expect(studyFraction({ done: 3, total: 12 }, [0.5, 0.25])).toBeCloseTo(3.75 / 12, 12);
    expect(studyFraction({ done: 12, total: 12 }, [1])).toBe(1);
    expect(studyFraction({ done: 0, total: 4 }, [-1, 2])).toBe(0.25);
  });
});
