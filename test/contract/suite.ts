/**
 * The contract suite: the same behaviour asserted through every door (in-process, web bridge,
 * and — with the desktop shell — the IPC adapter). A door passes by giving an ApiClient.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/api/contract.ts';
import { settingsCases } from './suite-settings.ts';
import { tiny, trainedRun, waitFor } from './suite-helpers.ts';

export interface Door {
  client: ApiClient;
  close(): Promise<void>;
}

export function contractSuite(doorName: string, open: () => Promise<Door>): void {
  describe(`contract through ${doorName}`, () => {
    let door: Door;
    let c: ApiClient;
    beforeAll(async () => {
      door = await open();
      c = door.client;
    });
    afterAll(() => door?.close());

    it('refuses an unknown method and malformed input with a named field', async () => {
      expect(await c.invoke('runs.nope' as never, {} as never)).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
      const r = await c.invoke('runs.list', { limit: 0 });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'limit' } });
      const extra = await c.invoke('runs.get', { id: 'x', evil: true } as never);
      expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'evil' } });
    });

    it('a bad spec is refused with every field named, and nothing is stored', async () => {
      const before = await c.invoke('runs.list', {});
      const r = await c.invoke('runs.start', { spec: { model: { depth: 0 }, optimizer: { learningRate: -2 } } });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('invalid_argument');
      expect(r.error.issues!.map((i) => i.field)).toEqual(
        expect.arrayContaining(['model.depth', 'optimizer.learningRate']),
      );
      const after = await c.invoke('runs.list', {});
      if (!before.ok || !after.ok) throw new Error('runs.list failed');
      expect(after.value.total).toBe(before.value.total);
    });

    it('spec.validate answers for forms without starting anything', async () => {
      const good = await c.invoke('spec.validate', {
        experiment: { name: 'e', base: tiny('x'), sweep: { 'weighting.lambda': [0.2, 0.8] } },
      });
      expect(good).toMatchObject({ ok: true, value: { ok: true, runs: 2 } });
      const bad = await c.invoke('spec.validate', { spec: { epochs: 0 } });
      expect(bad).toMatchObject({ ok: true, value: { ok: false, issues: [{ field: 'epochs' }] } });
    });

    it('starts a run, streams progress and epochs, and stores them', async () => {
      const epochs: number[] = [];
      const off = c.subscribe('run.epoch', (p) => epochs.push(p.record.epoch));
      const progressSeen = waitFor(c, 'run.progress', () => true);
      const r = await c.invoke('runs.start', { spec: tiny('contract run') });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const [id] = r.value.runIds;
      const fin = await waitFor(c, 'run.finished', (p) => p.runId === id);
      off();
      await progressSeen;
      expect(fin).toMatchObject({ status: 'completed', epochs: 2 });
      expect(epochs).toEqual([1, 2]);
      const got = await c.invoke('runs.get', { id });
      expect(got).toMatchObject({ ok: true, value: { id, status: 'completed', epochsDone: 2, name: 'contract run' } });
      if (got.ok) expect(got.value.backend?.name).toBeTruthy();
      const ep = await c.invoke('runs.epochs', { id, from: 2 });
      expect(ep.ok && ep.value.map((e) => e.epoch)).toEqual([2]);
    });

    it('runs an experiment, lists it, compares its runs with a config diff', async () => {
      const r = await c.invoke('runs.start', {
        experiment: { name: 'contract sweep', base: tiny('s', 1), sweep: { 'weighting.lambda': [0.25, 0.75] } },
      });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      await Promise.all(r.value.runIds.map((id) => waitFor(c, 'run.finished', (p) => p.runId === id)));
      const exps = await c.invoke('experiments.list', {});
      expect(exps.ok && exps.value.find((e) => e.id === r.value.experimentId)?.runCount).toBe(2);
      const list = await c.invoke('runs.list', { experimentId: r.value.experimentId!, sort: 'name', dir: 'asc' });
      expect(list.ok && list.value.items.map((i) => i.status)).toEqual(['completed', 'completed']);
      const cmp = await c.invoke('runs.compare', { ids: r.value.runIds });
      expect(cmp.ok).toBe(true);
      if (cmp.ok) {
        expect(cmp.value.diff).toEqual([{ path: 'weighting.lambda', values: [0.25, 0.75] }]);
        expect(cmp.value.runs.map((x) => x.id)).toEqual(r.value.runIds);
        expect(Object.keys(cmp.value.data).sort()).toEqual([...r.value.runIds].sort());
        for (const d of Object.values(cmp.value.data)) {
          expect(d.epochs).toEqual([1]);
          // default statistics only, one matrix row per layer, one column per epoch; no histograms
          expect(Object.keys(d.layerStats)).toEqual(['gradL2', 'dzL2', 'updateRatio', 'gradRms', 'dzRms']);
          expect(d.health).toEqual([expect.objectContaining({ healthFrom: 1, alive: expect.any(Number) })]);
          expect(d.layerStats.gradL2).toHaveLength(d.layers.length);
          expect(d.layerStats.gradL2!.every((row) => row.length === 1 && typeof row[0] === 'number')).toBe(true);
          expect(
            d.metrics.find((m) => m.task === 'cls' && m.split === 'val' && m.name === 'loss')?.values,
          ).toHaveLength(1);
          expect(d.weights.map((w) => w.name).sort()).toEqual(['cls', 'seg']);
          expect(JSON.stringify(d)).not.toMatch(/hist/);
        }
        // the matrices say what runs.epochs says
        const [first] = r.value.runIds;
        const ep = await c.invoke('runs.epochs', { id: first });
        if (!ep.ok) throw new Error(ep.error.message);
        const layers = [...ep.value[0].layers].sort((a, b) => a.index - b.index);
        const d = cmp.value.data[first];
        expect(d.layers).toEqual(layers.map((l) => l.layer));
        expect(d.layerStats.gradL2!.map((row) => row[0])).toEqual(layers.map((l) => l.gradL2));
        expect(d.vanishingRatio).toEqual([ep.value[0].vanishingRatio]);
      }
      const one = await c.invoke('runs.compare', { ids: r.value.runIds, layerFields: ['weightL2'] });
      expect(one.ok && Object.values(one.value.data).map((d) => Object.keys(d.layerStats))).toEqual([
        ['weightL2'],
        ['weightL2'],
      ]);
      expect(
        await c.invoke('runs.compare', { ids: r.value.runIds, layerFields: ['histogram'] as never }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument', field: 'layerFields.0' },
      });
      expect(await c.invoke('runs.compare', { ids: [r.value.runIds[0]] })).toMatchObject({
        ok: false,
        error: { field: 'ids' },
      });
    });

    it('renames, tags and annotates a run', async () => {
      const id = await trainedRun(c, tiny('to rename', 1));
      const r = await c.invoke('runs.update', { id, name: 'renamed, "quoted"', tags: ['a', 'renamed'], notes: 'n' });
      expect(r).toMatchObject({ ok: true, value: { name: 'renamed, "quoted"', tags: ['a', 'renamed'], notes: 'n' } });
      const byTag = await c.invoke('runs.list', { tag: 'renamed' });
      expect(byTag.ok && byTag.value.items.map((i) => i.id)).toEqual([id]);
    });

    it('resolves a run id from a unique prefix of 8+ characters', async () => {
      const id = await trainedRun(c, tiny('by prefix', 1));
      expect(await c.invoke('runs.resolve', { prefix: id.slice(0, 13).toUpperCase() })).toEqual({
        ok: true,
        value: { id },
      });
      const short = await c.invoke('runs.resolve', { prefix: id.slice(0, 7) });
      expect(short).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'prefix' } });
      // a version-4 id has 4 at character 15: this prefix names no run
      const none = await c.invoke('runs.resolve', { prefix: 'ffffffff-ffff-0' });
      expect(none).toMatchObject({ ok: false, error: { code: 'not_found', field: 'prefix' } });
    });

    it('exports CSV and JSON that parse back', async () => {
      const id = await trainedRun(c, tiny('exported, "quoted"'));
      const csv = await c.invoke('runs.export', { ids: [id], format: 'csv' });
      expect(csv.ok).toBe(true);
      if (!csv.ok) return;
      const rows = parse(csv.value.content, { columns: true }) as Array<Record<string, string>>;
      expect(rows[0].run_name).toBe('exported, "quoted"');
      expect(rows.some((x) => x.series === 'grad_l2')).toBe(true);
      const json = await c.invoke('runs.export', { ids: [id], format: 'json' });
      expect(json.ok && JSON.parse(json.value.content).runs[0].epochs).toHaveLength(2);
      expect(await c.invoke('runs.export', { ids: ['missing-id'], format: 'csv' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('cancels a running run and keeps what it wrote', async () => {
      const r = await c.invoke('runs.start', { spec: tiny('to cancel', 400) });
      if (!r.ok) throw new Error(r.error.message);
      const [id] = r.value.runIds;
      await waitFor(c, 'run.epoch', (p) => p.runId === id);
      const active = await c.invoke('runs.active', {});
      expect(active.ok && active.value.running).toContain(id);
      expect(await c.invoke('runs.delete', { ids: [id] })).toMatchObject({
        ok: false,
        error: { code: 'invalid_state' },
      });
      const finished = waitFor(c, 'run.finished', (p) => p.runId === id);
      expect(await c.invoke('runs.cancel', { id })).toMatchObject({ ok: true, value: { cancelled: true } });
      expect((await finished).status).toBe('cancelled');
      const got = await c.invoke('runs.get', { id });
      expect(got.ok && got.value.epochsDone).toBeGreaterThanOrEqual(1);
    });

    it('deletes runs; unknown ids are refused without deleting anything', async () => {
      const id = await trainedRun(c, tiny('to delete', 1));
      expect(await c.invoke('runs.delete', { ids: [id, 'nope'] })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await c.invoke('runs.get', { id })).toMatchObject({ ok: true });
      expect(await c.invoke('runs.delete', { ids: [id] })).toMatchObject({ ok: true, value: { deleted: 1 } });
      expect(await c.invoke('runs.get', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('lists presets and describes the app', async () => {
      const p = await c.invoke('presets.list', {});
      expect(p.ok && p.value.map((x) => x.id)).toEqual(
        expect.arrayContaining(['seed-cnn-cls-seg', 'vanishing-sigmoid-mlp', 'deep-supervision']),
      );
      const info = await c.invoke('app.info', {});
      expect(info).toMatchObject({ ok: true, value: { readOnly: false } });
    });

    settingsCases(() => c);
  });
}
