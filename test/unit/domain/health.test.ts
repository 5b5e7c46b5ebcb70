/** The health summary on hand-made layers: each field from its definition. */
import { describe, expect, it } from 'vitest';
import { dzSourceOf, gradientHealth, healthSummaryText, type HealthLayer } from '../../../src/domain/health.ts';

const trunk = (dz: Array<number | null>, grad: number[] = dz.map(() => 1)): HealthLayer[] => [
  ...dz.map((d, i) => ({ layer: `trunk.${i + 1}`, trunk: true, gradRms: grad[i], dzRms: d })),
  { layer: 'head.cls', trunk: false, gradRms: 1e6, dzRms: 1e6 },
];

describe('gradientHealth', () => {
  it('reads dz ratio, weakest layer and dead layers off the trunk, ignoring heads', () => {
    // trunk.1 rescued by an aux head, trunk.2–3 vanished, trunk.4 the strongest
    const layers = trunk([1e-2, 1e-7, 1e-6, 1e-1], [4, 1, 1, 2]);
    const h = gradientHealth(layers, dzSourceOf(5, layers), 3);
    expect(h.dzRatio).toBeCloseTo(-1, 12);
    expect(h.wRatio).toBeCloseTo(Math.log10(2), 12);
    expect(h.weakestLayer).toBe('trunk.2');
    expect(h.weakestLog10).toBeCloseTo(-6, 12);
    expect(h.deadLayers).toEqual(['trunk.2', 'trunk.3']);
    expect(h).toMatchObject({ alive: 2, trunkLayers: 4, decades: 3, healthFrom: 5 });
    expect(healthSummaryText(h)).toBe('alive 2/4 · weakest trunk.2 −6.0');
  });

  it('a layer exactly `decades` below the strongest is not dead; one just past it is', () => {
    const layers = trunk([1, 1e-3, 0.9e-3]);
    expect(gradientHealth(layers, dzSourceOf(1, layers), 3).deadLayers).toEqual(['trunk.3']);
    expect(gradientHealth(layers, dzSourceOf(1, layers), 4).deadLayers).toEqual([]);
  });

  it('without a probe the dz fields carry the given source and name its epoch; with none they are null', () => {
    const probed = trunk([1, 1e-5]);
    const unprobed = trunk([null, null], [1, 10]);
    const carried = gradientHealth(unprobed, dzSourceOf(3, probed), 3);
    expect(carried).toMatchObject({ deadLayers: ['trunk.2'], healthFrom: 3, dzRatio: 5, wRatio: -1 });
    expect(dzSourceOf(4, unprobed)).toBeNull();
    const none = gradientHealth(unprobed, null, 3);
    expect(none).toMatchObject({ dzRatio: null, deadLayers: null, alive: null, healthFrom: null, wRatio: -1 });
    expect(healthSummaryText(none)).toBe('—');
  });

  it('one trunk layer has no first/last ratio', () => {
    const layers = trunk([0.5]);
    expect(gradientHealth(layers, dzSourceOf(1, layers), 3)).toMatchObject({ dzRatio: null, wRatio: null, alive: 1 });
  });
});
