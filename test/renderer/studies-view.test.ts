// @vitest-environment happy-dom
/**
 * The Studies view over the fake api: the study cards, the plan of the chosen size and seeds, Run
 * sending exactly what was chosen, progress across the study's runs from the service's events,
 * the verdict panel's findings and numbers, Export writing the HTML report, past study runs
 * reopening, and Open in Design handing the experiment to the Design form.
 */
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StudyResult } from '../../src/domain/studies.ts';
import { useDesignStore } from '../../renderer/src/stores/design.ts';
import { useStudiesStore } from '../../renderer/src/stores/studies.ts';
import { mountStudies, studyReplies } from './studies-mount.ts';
import { glorotInfo, glorotResult, glorotRunning, heInfo } from './study-fixtures.ts';

const running2: StudyResult = {
  ...glorotRunning,
  id: 'study-run-0002',
  runIds: Array.from({ length: 12 }, (_, i) => `r${i + 1}`),
  progress: { done: 0, total: 12 },
};

const cells = (w: VueWrapper, size: string) => w.findAll(`[data-plan=${size}] td`).map((td) => td.text());

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('Studies view', () => {
  it('shows each study as a card (title, question, citation) and the first one’s plan', async () => {
    const { w } = await mountStudies();
    const cards = w.findAll('[data-study]');
    expect(cards.map((c) => c.attributes('data-study'))).toEqual(['glorot-init', 'he-depth']);
    expect(cards[1].text()).toContain(heInfo.question);
    expect(cards[1].text()).toContain(heInfo.citation);
    expect(cards[0].attributes('aria-pressed')).toBe('true');
    expect(cells(w, 'quick')).toEqual(['quick', '12', '3', '2', 'about 1 min 35 s']);
    expect(cells(w, 'full')).toEqual(['full', '20', '5', '10', 'unknown on this backend (no similar run yet)']);
    expect(w.find('[data-testid=study-plan]').attributes('data-plan')).toBe('quick');
    expect(w.findAll('details.experiment')).toHaveLength(2);
    expect(w.find('details.experiment pre').text()).toContain('"glorot-init tanh"');
  });

  it('the plan follows size and seeds; a bad seed count is named and blocks Run', async () => {
    const { w } = await mountStudies();
    await w.find('[data-size=full]').setValue(true);
    expect(w.find('[data-testid=study-plan]').attributes('data-plan')).toBe('full');
    await w.find('[data-size=quick]').setValue(true);
    await w.find('#study-seeds').setValue('6');
    expect(cells(w, 'quick').slice(0, 4)).toEqual(['quick', '24', '6', '2']);
    expect(cells(w, 'quick')[4]).toBe("about 3 min 10 s (scaled from the study's 3 seeds)");
    expect(cells(w, 'full')).toEqual(['full', '20', '5', '10', 'unknown on this backend (no similar run yet)']);
    await w.find('#study-seeds').setValue('0');
    expect(w.find('.field-error').text()).toBe('seeds: a whole number from 1 to 20');
    expect(w.find('[data-testid=study-run]').attributes('disabled')).toBeDefined();
  });

  it('Run sends the chosen study, size and seeds, then follows its progress as runs end', async () => {
    const results: Record<string, StudyResult> = { [running2.id]: running2 };
    const { w, fake } = await mountStudies(studyReplies(results));
    await w.find('[data-study=he-depth]').trigger('click');
    await w.find('[data-size=full]').setValue(true);
    await w.find('#study-seeds').setValue('4');
    await w.find('[data-testid=study-run]').trigger('click');
    await flushPromises();
    expect(fake.inputsOf('studies.run')).toEqual([{ name: 'he-depth', size: 'full', seeds: 4 }]);
    expect(fake.inputsOf('studies.result')).toEqual([{ id: 'study-run-0002' }]);
    expect(w.find('[data-testid=study-progress]').text()).toContain('0 of 12 runs ended');
    expect(w.find('[data-testid=study-run]').attributes('disabled')).toBeDefined();

    // a run of the study trains half way: the bar moves; a run of something else does not count
    fake.emit('run.progress', { ...progress('r1'), fraction: 0.6 });
    fake.emit('run.progress', { ...progress('other'), fraction: 1 });
    await flushPromises();
    expect(w.find('[role=progressbar]').attributes('aria-valuenow')).toBe('5');

    // it ends: the result is fetched again (once, coalesced) and shows the new count
    results[running2.id] = { ...running2, progress: { done: 1, total: 12 } };
    vi.useFakeTimers();
    fake.emit('run.finished', { runId: 'r1', status: 'completed', epochs: 2, message: null });
    fake.emit('run.finished', { runId: 'other', status: 'completed', epochs: 2, message: null });
    await flushPromises();
    expect(w.find('[role=progressbar]').attributes('aria-valuenow')).toBe('8');
    vi.advanceTimersByTime(200);
    vi.useRealTimers();
    await flushPromises();
    expect(fake.inputsOf('studies.result')).toHaveLength(2);
    expect(w.find('[data-testid=study-progress]').text()).toContain('1 of 12 runs ended');
    expect(w.find('[role=progressbar]').attributes('aria-valuenow')).toBe('8');
  });

  it('the default seeds are left to the study: Run sends no seeds', async () => {
    const { w, fake } = await mountStudies(studyReplies({ [running2.id]: running2 }));
    await w.find('[data-testid=study-run]').trigger('click');
    await flushPromises();
    expect(fake.inputsOf('studies.run')).toEqual([{ name: 'glorot-init', size: 'quick' }]);
  });

  it('a refused run is shown with the service’s words', async () => {
    const { w, fake } = await mountStudies();
    fake.reply('studies.run', () => ({
      ok: false,
      error: { code: 'invalid_argument', message: 'set: model.depth must be at most 64', field: 'set' },
    }));
    await w.find('[data-testid=study-run]').trigger('click');
    await flushPromises();
    expect(w.find('[role=alert]').text()).toContain('Could not start glorot-init: set: model.depth must be at most 64');
  });

  it('a past study run reopens into the verdict panel: verdict, findings, numbers, expectation, charts', async () => {
    const { w, fake } = await mountStudies();
    expect(w.find('[data-testid=verdict-panel]').exists()).toBe(false);
    await w.find(`[data-study-run=${glorotResult.id}] button`).trigger('click');
    await flushPromises();
    expect(fake.inputsOf('studies.result')).toEqual([{ id: glorotResult.id }]);
    const panel = w.find('[data-testid=verdict-panel]');
    expect(panel.find('[data-testid=study-verdict]').text()).toBe('reproduced');
    for (const f of glorotResult.findings) {
      const li = panel.find(`[data-finding=${f.id}]`);
      expect(li.text()).toContain(f.claim);
      expect(li.text()).toContain(f.measured);
      expect(li.find('.verdict').attributes('data-verdict')).toBe(f.verdict);
      expect(li.find('.verdict').text()).toBe(f.verdict);
    }
    expect(panel.text()).toContain(glorotInfo.expectation);
    expect(panel.text()).toContain(glorotInfo.citation);
    const rows = panel.findAll('[data-quantity=dz-decay] tbody tr').map((r) => r.text());
    expect(rows[0]).toContain('tanh · standard init');
    expect(rows[0]).toContain('0.241 ± 0.00603');
    expect(rows[0]).toContain('0.239');
    expect(panel.findAll('.echart-stub').map((c) => c.attributes('data-chart'))).toEqual(
      glorotResult.charts.map((c) => c.title),
    );
    expect(panel.find('[data-chart="RMS dL/dz per layer (tanh)"]').text()).toContain('6 series');
    expect(w.find('[data-study=glorot-init]').attributes('aria-pressed')).toBe('true');
  });

  it('Export report saves the study’s HTML report, made in the page', async () => {
    const { w } = await mountStudies();
    await w.find(`[data-study-run=${glorotResult.id}] button`).trigger('click');
    await flushPromises();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:fake/1'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await w.find('[data-testid=study-export]').trigger('click');
    expect(names).toEqual(['glorot-init-2026-11-29.html']);
    expect(blobs[0].type).toBe('text/html;charset=utf-8');
    const html = await blobs[0].text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(glorotResult.charts.length);
    for (const f of glorotResult.findings)
      expect(html).toContain(f.id === 'tanh-normalised' ? f.claim : 'inconclusive');
    expect(html).not.toMatch(/<script|https?:/i);
    expect(w.find('[role=status]').text()).toBe('Saved glorot-init-2026-11-29.html');
  });

  it('Open in Design fills the Design form with the study’s experiment and goes there', async () => {
    const { w, router } = await mountStudies();
    await w.findAll('[data-design]')[1].trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/design');
    const design = useDesignStore();
    expect(design.form.values['model.activation']).toBe('sigmoid');
    expect(String(design.form.values['model.depth'])).toBe('8');
    expect(design.sweep.sweep).toEqual({ 'model.init': ['standard', 'glorot_uniform'], seed: [1, 2, 3] });
    expect(design.replaced?.label).toBe('pasted JSON');
  });
});

function progress(runId: string) {
  return { runId, epoch: 1, epochs: 2, batch: 1, batches: 4, loss: 1, fraction: 0, elapsedMs: 10, etaMs: 10 };
}

describe('Studies view, edges', () => {
  it('says why Design refused an experiment, and stays', async () => {
    const bad = {
      ...glorotInfo,
      experiments: { ...glorotInfo.experiments, quick: [{ name: 'x', base: { depth: -1 } }] },
    };
    const { w, router } = await mountStudies({ ...studyReplies(), 'studies.list': () => [bad] });
    await w.find('[data-design]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/studies');
    expect(w.find('[role=alert]').text()).toMatch(/^Design refused this experiment: base\.depth/);
  });

  it('a service without studies says so instead of an empty page', async () => {
    const { w } = await mountStudies({
      'studies.list': () => ({ ok: false, error: { code: 'invalid_state', message: 'studies are not available' } }),
      'studies.runs': () => [],
    });
    expect(w.find('[role=alert]').text()).toContain('Could not load the studies: studies are not available');
    expect(w.find('[data-testid=study-run]').exists()).toBe(false);
  });

  it('stops listening to run events when its store is disposed', async () => {
    const { w, fake } = await mountStudies();
    expect(fake.listenerCount('run.finished')).toBe(1);
    expect(fake.listenerCount('run.progress')).toBe(1);
    useStudiesStore().$dispose();
    w.unmount();
    expect(fake.listenerCount('run.finished')).toBe(0);
    expect(fake.listenerCount('run.progress')).toBe(0);
  });
});
