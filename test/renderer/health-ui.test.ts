// @vitest-environment happy-dom
/** The health summary where the UI shows it: Live header, the health band, Compare's summary table. */
import type { GradientHealth } from '@core/domain/health.ts';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { healthBandOption, healthProfile } from '../../renderer/src/charts/health-band.ts';
import { summaryTable } from '../../renderer/src/charts/compare-tables.ts';
import RunHeader from '../../renderer/src/components/live/RunHeader.vue';
import { makeEpoch } from '../unit/store/fixtures/records.ts';
import { makeRun } from './run-fixtures.ts';

const HEALTH: GradientHealth = {
  dzRatio: -1.5,
  wRatio: 0.2,
  weakestLayer: 'trunk.3',
  weakestLog10: -4.2,
  deadLayers: ['trunk.3'],
  alive: 9,
  trunkLayers: 10,
  decades: 3,
  healthFrom: 4,
};

describe('Live header', () => {
  const props = {
    run: makeRun('a'),
    epochsDone: 5,
    active: false,
    cancelling: false,
    epochInProgress: null,
  };

  it('shows the summary, where its dz comes from, and one sentence saying what it means', () => {
    const w = mount(RunHeader, { props: { ...props, health: HEALTH, epoch: 5 } });
    const text = w.find('[data-testid=run-health]').text();
    expect(text).toContain('alive 9/10 · weakest trunk.3 −4.2 · dead trunk.3 · log10 dz first/last −1.50');
    expect(text).toContain('dz of epoch 4');
    expect(text).toContain('within 3 decades of the strongest trunk layer');
  });

  it('shows nothing before the first epoch', () => {
    expect(
      mount(RunHeader, { props: { ...props, health: null, epoch: null } })
        .find('[data-testid=run-health]')
        .exists(),
    ).toBe(false);
  });
});

describe('health band', () => {
  it('places each trunk layer at log10 of its dz RMS over the strongest, and the band at −healthDecades', () => {
    // fixture: probed odd epochs; trunk dzRms = 0.01·k·10^(−3.5·index)
    const epochs = [1, 2, 3, 4].map((e) => makeEpoch(e));
    const p = healthProfile(epochs)!;
    expect(p.epoch).toBe(3);
    expect(p.layers).toEqual(['trunk.1', 'trunk.2', 'trunk.3']);
    const k = (i: number) => 30 + i;
    const want = [0, 1, 2].map((i) => Math.log10((k(i) * 10 ** (-3.5 * i)) / k(0)));
    p.values.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
    const o = healthBandOption(p);
    expect(o.series[0].markLine.data).toEqual([{ yAxis: -3 }]);
    expect(o.series[0].markArea.data[0][1]).toEqual({ yAxis: -3 });
    expect(o.yAxis.min).toBeLessThanOrEqual(Math.min(...p.values));
    expect(o.tooltip.renderMode).toBe('richText');
  });

  it('no probed epoch, no band', () => {
    expect(healthProfile([makeEpoch(2, { probed: false })])).toBeNull();
  });
});

describe("Compare's summary table", () => {
  it('has the health columns of each run, and dashes for a run stored before health existed', () => {
    const t = summaryTable([makeRun('a', { lastHealth: HEALTH }), makeRun('b')]);
    expect(t.rows[0].health).toEqual(['9/10', 'trunk.3 −4.20', '−1.50', 'trunk.3']);
    expect(t.rows[1].health).toEqual(['—', '—', '—', '—']);
  });
});
