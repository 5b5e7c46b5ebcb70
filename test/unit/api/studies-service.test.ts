/**
 * The four study methods through the service, with jobs injected in place of the trainer: each
 * job stores epochs a test chose (a known dL/dz decay per arm), so the result's verdict is known.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalClient } from '../../../src/api/local-client.ts';
import type { JobFactory } from '../../../src/api/scheduler.ts';
import { openCliService } from '../../../src/cli/database.ts';
import type { EpochRecord } from '../../../src/domain/records.ts';
import type { Spec } from '../../../src/experiment/spec.ts';
import { BACKEND } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { geometric, syntheticEpoch } from '../studies/synthetic.ts';
import { manualJobs } from './fake-jobs.ts';

const tempDir = useTempDirs();

/** Glorot & Bengio's decays, by activation and init, with a little seed-to-seed variation. */
const DECAY: Record<string, number> = {
  'tanh/standard': 0.239,
  'tanh/glorot_uniform': 0.06,
  'sigmoid/standard': 0.85,
  'sigmoid/glorot_uniform': 0.62,
};
const glorotEpoch = (spec: Spec, epoch: number): EpochRecord =>
  syntheticEpoch(epoch, {
    dzLog10: geometric(spec.model.depth, DECAY[`${spec.model.activation}/${spec.model.init}`] + 0.003 * spec.seed),
    metrics: { 'cls/train/loss': 1 },
  });

/** Jobs that store `epochOf` for each of the spec's epochs and complete, each step on a later tick. */
function syntheticJobs(epochOf: (spec: Spec, epoch: number) => EpochRecord): JobFactory {
  return (o) => {
    let cancelled = false;
    const tick = () => new Promise((r) => setImmediate(r));
    const done = (async () => {
      await tick();
      o.onBackend?.(BACKEND);
      for (let e = 1; e <= o.spec.epochs && !cancelled; e++) {
        await tick();
        o.onEpoch?.(epochOf(o.spec, e));
      }
      return { status: cancelled ? ('cancelled' as const) : ('completed' as const), epochs: o.spec.epochs };
    })();
    return { done, cancel: () => void (cancelled = true) };
  };
}

function open(startJob: JobFactory = syntheticJobs(glorotEpoch)) {
  const service = openCliService({ dbPath: join(tempDir(), 'w.db'), door: 'local', note: () => {} }, { startJob });
  return { client: createLocalClient(service), service };
}

describe('studies.list', () => {
  it('lists the five built-in studies with what each size runs; no estimate before any study ran here', async () => {
    const { client, service } = open();
    const r = await client.invoke('studies.list', {});
    await service.close();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map((s) => s.name)).toEqual([
      'glorot-init',
      'he-depth',
      'deep-supervision',
      'seed-multitask',
      'weighting-conflict',
    ]);
    const glorot = r.value[0];
    expect(glorot.sizes.quick).toEqual({ runs: 12, seeds: 3, epochs: 1, estimateSeconds: null });
    expect(glorot.citation).toMatch(/Glorot & Bengio \(2010\)/);
    expect(glorot.rule).toMatch(/standard error/);
    expect(glorot.experiments.quick[0]).toMatchObject({ sweep: { seed: [1, 2, 3] } });
  });
});

describe('studies.run', () => {
  it('refuses an unknown study, naming the known ones', async () => {
    const { client, service } = open();
    const r = await client.invoke('studies.run', { name: 'glorot' });
    await service.close();
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'name' } });
    if (!r.ok)
      expect(r.error.message).toBe(
        'unknown study `glorot`; known: glorot-init, he-depth, deep-supervision, seed-multitask, weighting-conflict',
      );
  });

  it('refuses an override path that names no spec field, and a bad value, before anything is stored', async () => {
    const { client, service } = open();
    const path = await client.invoke('studies.run', { name: 'glorot-init', set: { 'model.widht': 8 } });
    const value = await client.invoke('studies.run', { name: 'glorot-init', set: { 'model.depth': 0 } });
    const seed = await client.invoke('studies.run', { name: 'glorot-init', set: { seed: 3 } });
    const runs = await client.invoke('runs.list', {});
    const studyRuns = await client.invoke('studies.runs', {});
    await service.close();
    expect(path).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'set.model.widht' } });
    if (!path.ok) expect(path.error.message).toContain('did you mean model.width?');
    expect(value).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'model.depth' } });
    expect(seed).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'set.seed' } });
    expect(runs).toMatchObject({ ok: true, value: { total: 0 } });
    expect(studyRuns).toEqual({ ok: true, value: [] });
  });

  it('sets an override on every run, and one on a sweep axis in place of the axis', async () => {
    const { client, service } = open();
    const r = await client.invoke('studies.run', {
      name: 'glorot-init',
      seeds: 2,
      set: { 'model.width': 8, 'model.init': 'he_normal' },
    });
    if (!r.ok) throw new Error(r.error.message);
    await service.scheduler.idle();
    const specs = await Promise.all(r.value.runIds.map((id) => client.invoke('runs.get', { id })));
    await service.close();
    // activation × seed: the init axis is gone
    expect(specs).toHaveLength(4);
    for (const s of specs)
      expect(s).toMatchObject({ ok: true, value: { spec: { model: { width: 8, init: 'he_normal' } } } });
  });
});

describe('studies.result and studies.runs', () => {
  it('a finished study: every quantity over seeds, each finding’s verdict, the overall verdict', async () => {
    const { client, service } = open();
    const started = await client.invoke('studies.run', { name: 'glorot-init', size: 'quick', seeds: 2 });
    if (!started.ok) throw new Error(started.error.message);
    expect(started.value.runIds).toHaveLength(8);
    await service.scheduler.idle();
    // read late: the study run still ends when its last run did
    await new Promise((resolve) => setTimeout(resolve, 30));
    const r = await client.invoke('studies.result', { id: started.value.studyRunId });
    const ends = await Promise.all(started.value.runIds.map((id) => client.invoke('runs.get', { id })));
    const list = await client.invoke('studies.runs', {});
    const info = await client.invoke('studies.list', {});
    await service.close();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({
      study: 'glorot-init',
      size: 'quick',
      seeds: 2,
      status: 'done',
      progress: { done: 8, total: 8 },
      verdict: 'reproduced',
      backend: { name: 'cpu' },
    });
    const decay = r.value.quantities.find((q) => q.id === 'dz-decay')!;
    expect(decay.arms[0].arm).toBe('tanh · standard init');
    expect(decay.arms[0].stat.values.map((v) => Number(v.toFixed(9)))).toEqual([0.242, 0.245]);
    expect(decay.arms[0].stat.mean).toBeCloseTo(0.2435, 10);
    expect(r.value.findings.every((f) => f.verdict === 'reproduced')).toBe(true);
    const lastEnd = Math.max(...ends.map((e) => (e.ok ? Date.parse(e.value.finishedAt!) : NaN)));
    expect(r.value.finishedAt).toBe(new Date(lastEnd).toISOString());
    expect(list).toMatchObject({ ok: true, value: [{ id: started.value.studyRunId, status: 'done' }] });
    // now that one ran here, its size has an estimate
    if (info.ok) expect(info.value[0].sizes.quick.estimateSeconds).toEqual(expect.any(Number));
  });

  it('while runs are going: progress over the ended runs, and no verdict yet', async () => {
    const jobs = manualJobs();
    const { client, service } = open(jobs.factory);
    const started = await client.invoke('studies.run', { name: 'glorot-init', seeds: 1 });
    if (!started.ok) throw new Error(started.error.message);
    const first = jobs.jobs.get(jobs.started[0])!;
    first.start();
    first.finish();
    await first.done;
    await new Promise((r) => setImmediate(r));
    const r = await client.invoke('studies.result', { id: started.value.studyRunId });
    const list = await client.invoke('studies.runs', {});
    service.scheduler.cancelAll();
    await service.close();
    expect(r).toMatchObject({ ok: true, value: { status: 'running', verdict: null, progress: { done: 1, total: 4 } } });
    expect(list).toMatchObject({ ok: true, value: [{ status: 'running', progress: { done: 1, total: 4 } }] });
  });

  it('an unknown study run id is not found', async () => {
    const { client, service } = open();
    const r = await client.invoke('studies.result', { id: '12345678-1234-4234-8234-123456789012' });
    await service.close();
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
  });
});
