/** stats.healthDecades: default 3, a number of decades within reason, named in its error. */
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../src/experiment/spec.ts';

describe('stats.healthDecades', () => {
  it('defaults to 3 and takes fractional decades', () => {
    expect(parseSpec({}).stats.healthDecades).toBe(3);
    expect(parseSpec({ stats: { healthDecades: 2.5 } }).stats.healthDecades).toBe(2.5);
  });

  it('refuses what is not a sensible number of decades, naming the field and the rule', () => {
    expect(() => parseSpec({ stats: { healthDecades: 0 } })).toThrow('stats.healthDecades: must be at least 0.5');
    expect(() => parseSpec({ stats: { healthDecades: 100 } })).toThrow('stats.healthDecades: must be at most 30');
    expect(() => parseSpec({ stats: { healthDecades: 'three' } } as never)).toThrow(
      'stats.healthDecades: must be a number, not a string',
    );
  });
});
