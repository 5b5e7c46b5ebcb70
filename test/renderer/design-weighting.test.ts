// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { WEIGHTINGS } from '../../src/experiment/spec.ts';
import { WEIGHTING_INFO } from '../../src/experiment/weighting-info.ts';
import WeightingAbout from '../../renderer/src/components/design/WeightingAbout.vue';
import DesignView from '../../renderer/src/views/DesignView.vue';
import { fakeApi, globalWith } from './fake-api.ts';

async function mountDesign() {
  const fake = fakeApi({ 'presets.list': () => [] });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/design', component: DesignView }] });
  await router.push('/design');
  const w = mount(DesignView, {
    attachTo: document.body,
    global: globalWith(fake.api, [router]),
  });
  await flushPromises();
  return w;
}

describe('the Design view’s weighting picker', () => {
  it('labels every method with its full name and explains the chosen one with its paper', async () => {
    const w = await mountDesign();
    const options = w.findAll('#f-weighting-method option');
    expect(options.map((o) => o.attributes('value'))).toEqual([...WEIGHTINGS]);
    expect(options.map((o) => o.text())).toEqual(WEIGHTINGS.map((m) => WEIGHTING_INFO[m].title));
    expect(w.find('[data-testid="weighting-about"] .title').text()).toBe('Fixed weights');

    await w.find('#f-weighting-method').setValue('pcgrad');
    const about = w.find('[data-testid="weighting-about"]');
    expect(about.find('.title').text()).toBe('Projecting Conflicting Gradients (PCGrad)');
    expect(about.find('.summary').text()).toBe(WEIGHTING_INFO.pcgrad.summary);
    expect(about.find('.cite').text()).toContain('Gradient Surgery for Multi-Task Learning. NeurIPS 2020');
    expect(about.find('a').attributes('href')).toBe('https://arxiv.org/abs/2001.06782');
    w.unmount();
  });

  it('shows nothing for a value that is not a method, and no link for the baselines', () => {
    expect(
      mount(WeightingAbout, { props: { method: 'nash' } })
        .find('[data-testid="weighting-about"]')
        .exists(),
    ).toBe(false);
    const equal = mount(WeightingAbout, { props: { method: 'equal' } });
    expect(equal.find('.title').text()).toBe('Equal weights');
    expect(equal.find('a').exists()).toBe(false);
  });
});
