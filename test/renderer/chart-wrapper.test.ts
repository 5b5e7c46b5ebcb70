// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { expect, it, vi } from 'vitest';
import { heatmapOption, lineOption } from '../../renderer/src/charts/options.ts';
import EChart from '../../renderer/src/components/EChart.vue';

/** vue-echarts stand-in: keeps the option it was given and records dispatched actions. */
const seen = vi.hoisted(() => ({ dispatched: [] as unknown[], option: {} as Record<string, unknown> }));
vi.mock('vue-echarts', async () => {
  const { defineComponent, h } = await import('vue');
  return {
    default: defineComponent({
      props: { option: { type: Object, required: true } },
      setup(props, { expose }) {
        expose({ dispatchAction: (a: unknown) => seen.dispatched.push(a), getDataURL: () => '' });
        return () => {
          seen.option = props.option as Record<string, unknown>;
          return h('div', { class: 'vchart' });
        };
      },
    }),
  };
});
const mountChart = (option: Record<string, unknown>) => mount(EChart, { props: { option, label: 'chart' } });

it('mirrors the canvas tooltip as plain text in a live region, the same text ECharts draws', async () => {
  const o = heatmapOption({ title: 't', layers: ['trunk.1'], epochs: [2], values: [[0.045]], valueName: 'dL/dW' });
  const w = mountChart(o);
  const tooltip = seen.option.tooltip as { renderMode: string; formatter: (p: unknown) => string };
  expect(tooltip.renderMode).toBe('richText');
  const drawn = tooltip.formatter({ marker: '{m0|}', data: o.series[0].data[0] });
  expect(drawn).toBe('{m0|}trunk.1\nepoch 2\nlog10 dL/dW:  -1.35\ndL/dW:  0.0450');
  await w.vm.$nextTick();
  const mirror = w.find('[data-testid="chart-tip"]');
  expect(mirror.attributes('role')).toBe('status');
  expect(mirror.text()).toBe('trunk.1\nepoch 2\nlog10 dL/dW:  -1.35\ndL/dW:  0.0450');
});

it('offers a zoom reset on zoomable charts, which shows every epoch again', async () => {
  const w = mountChart(lineOption({ title: 't', series: [{ name: 'a', points: [[1, 1]] }] }));
  const reset = w.findAll('button').find((b) => b.text() === 'reset zoom');
  expect(reset).toBeDefined();
  await reset!.trigger('click');
  expect(seen.dispatched).toEqual([{ type: 'dataZoom', start: 0, end: 100 }]);
  const plain = mountChart({ series: [] });
  expect(plain.findAll('button').map((b) => b.text())).toEqual(['PNG']);
});
