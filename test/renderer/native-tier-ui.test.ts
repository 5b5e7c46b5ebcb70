// @vitest-environment happy-dom
/**
 * Where a person sees the native BLAS tier: Settings ▸ Backends gives it a row under the backend that
 * carries it (on: what runs the products; off: why, and the next step as code), and a run's backend
 * panel says why it was off. Diagnoses and reports without the tier (older runs) show no tier at all.
 */
import type { Output } from '@core/api/contract.ts';
import type { BackendReport, NativeTier } from '@core/domain/backend.ts';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import RunBackendPanel from '../../renderer/src/components/live/BackendPanel.vue';
import BackendPanel from '../../renderer/src/components/settings/BackendPanel.vue';

const OFF = {
  on: false,
  detail: null,
  reason: 'not built at install: not found: make',
  next: 'install a C compiler, make and python3, then in the workbench’s folder: `npm rebuild gradient-workbench-blas`',
};
const ON = { on: true, detail: 'OpenBLAS 0.3.21, SkylakeX kernels, 1 thread', reason: null, next: null };

function diagnosis(tier: NativeTier | null): Output<'backends.diagnose'> {
  return {
    diagnoses: [
      { name: 'tensorflow', available: false, reason: 'not installed', detail: null, nextStep: '`npm install x`' },
      {
        name: 'wasm',
        available: true,
        reason: null,
        detail: 'wasm (SIMD, 1 thread)',
        nextStep: null,
        ...(tier ? { nativeTier: tier } : {}),
      },
      { name: 'cpu', available: true, reason: null, detail: 'cpu (plain JavaScript)', nextStep: null },
    ],
    lastUsed: null,
  };
}
const settings = (report: Output<'backends.diagnose'>) =>
  mount(BackendPanel, { props: { report, error: null, loading: false } });

describe('Settings ▸ Backends: the native tier', () => {
  it('off: a row under wasm with the reason, and the next step with its command as code', () => {
    const w = settings(diagnosis(OFF));
    const rows = w
      .findAll('tbody tr')
      .map((r) => r.attributes('data-backend') ?? `tier:${r.attributes('data-tier-of')}`);
    expect(rows).toEqual(['tensorflow', 'wasm', 'tier:wasm', 'cpu']);
    const tier = w.get('[data-tier-of=wasm]');
    expect(tier.text()).toContain('native BLAS tier');
    expect(tier.get('.status').text()).toBe('off');
    expect(tier.get('.why').text()).toBe('not built at install: not found: make');
    expect(tier.get('[data-testid=next-step] code').text()).toBe('npm rebuild gradient-workbench-blas');
    // the backend's own row is unchanged: wasm loads without the tier
    expect(w.get('[data-backend=wasm]').text()).toContain('used by auto');
  });

  it('on: what runs the products, nothing to do', () => {
    const tier = settings(diagnosis(ON)).get('[data-tier-of=wasm]');
    expect(tier.get('.status').text()).toBe('on');
    expect(tier.get('.why').text()).toBe('OpenBLAS 0.3.21, SkylakeX kernels, 1 thread');
    expect(tier.get('[data-testid=next-step]').text()).toBe('nothing: it is on');
  });

  it('a diagnosis without the tier has no tier row', () => {
    expect(settings(diagnosis(null)).find('.tier').exists()).toBe(false);
  });

  it("the last run's report says why the tier was off", () => {
    const lastUsed = {
      name: 'wasm',
      detail: 'wasm (SIMD, 1 thread)',
      skipped: [],
      parityMaxAbsDiff: 1e-7,
      nativeTier: OFF,
    };
    const w = settings({ ...diagnosis(null), lastUsed });
    expect(w.get('[data-testid=last-tier]').text()).toBe(
      'native BLAS tier: off (not built at install: not found: make)',
    );
  });
});

describe("a run's backend panel (Live, History)", () => {
  const report = (extra: object): BackendReport => ({
    name: 'wasm',
    detail: 'wasm (SIMD, 1 thread)',
    skipped: [],
    parityMaxAbsDiff: 1e-7,
    ...extra,
  });

  it('says why the tier was off; on, the detail names the BLAS and no extra line is shown', () => {
    const off = mount(RunBackendPanel, { props: { backend: report({ nativeTier: OFF }) } });
    expect(off.get('[data-testid=tier-off]').text()).toBe(
      'native BLAS tier: off (not built at install: not found: make)',
    );
    const detail = 'wasm (SIMD, 1 thread) + OpenBLAS 0.3.21, SkylakeX kernels (chosen by the workbench), 1 thread';
    const on = mount(RunBackendPanel, { props: { backend: report({ detail, nativeTier: ON }) } });
    expect(on.text()).toContain(detail);
    expect(on.find('[data-testid=tier-off]').exists()).toBe(false);
    expect(
      mount(RunBackendPanel, { props: { backend: report({}) } })
        .find('[data-testid=tier-off]')
        .exists(),
    ).toBe(false);
  });
});
