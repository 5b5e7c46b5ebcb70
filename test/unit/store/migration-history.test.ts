/**
 * For every migration N: build a database at schema N (the first N files), fill it with rows
 * written the way schema N stores them, open it with the real runner, and check the current
 * code reads the data back. A new migration needs a new entry in FIXTURES.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR } from '../../../src/store/database.ts';
import { applyMigrations, latestVersion, loadMigrations } from '../../../src/store/migrations.ts';
import { openStore, type RunStore } from '../../../src/store/run-store.ts';
import { makeSpec } from './fixtures/records.ts';
import { V1_EPOCH } from './fixtures/v1-epoch.ts';
import { useTempDirs } from './temp-dirs.ts';

const tempDir = useTempDirs();
const MIGRATIONS = loadMigrations(DEFAULT_MIGRATIONS_DIR);
const LATEST = latestVersion(MIGRATIONS);

const RUN = '11111111-2222-4333-8444-555555555555';
const EXP = '99999999-8888-4777-8666-555555555555';

interface Fixture {
  /** raw SQL, as the schema at this version stores data */
  insert(db: Database.Database): void;
  /** read back through the current RunStore */
  check(store: RunStore): void;
}

const FIXTURES: Record<number, Fixture> = {
  1: {
    insert(db) {
      db.prepare('INSERT INTO experiments (id, name, created_at, sweep_json) VALUES (?, ?, ?, ?)').run(
        EXP,
        'old sweep',
        1000,
        '{"axes":[]}',
      );
      db.prepare(
        `INSERT INTO runs (id, experiment_id, name, notes, status, spec_json, backend_json, created_at, started_at,
           finished_at, epochs_planned, epochs_done, last_vanishing_ratio, summary_json)
         VALUES (?, ?, 'old run', 'old notes', 'completed', ?, ?, 1000, 2000, 5000, 1, 1, NULL, '{"cls":{"loss":0.75}}')`,
      ).run(
        RUN,
        EXP,
        JSON.stringify(makeSpec({ epochs: 1 })),
        '{"name":"cpu","detail":"cpu","skipped":[],"parityMaxAbsDiff":null}',
      );
      db.prepare("INSERT INTO run_tags (run_id, tag, position) VALUES (?, 'b', 0), (?, 'a', 1)").run(RUN, RUN);
      db.prepare('INSERT INTO epochs VALUES (?, 1, 1234.5, 800, \'{"cls":1}\', NULL, 0, 0)').run(RUN);
      db.prepare("INSERT INTO metrics VALUES (?, 1, 'cls', 'val', 'loss', 0.75)").run(RUN);
      const counts = Buffer.from([3, 0, 0, 0, 0, 0, 0, 0, 0x70, 0x11, 0x01, 0x00]); // 3, 0, 70000 as uint32 LE
      db.prepare(
        `INSERT INTO layer_stats VALUES (?, 1, 0, 'trunk.1', 'dense', 1, 32, 0.5, 0.01, 0.02, 0.3, 0,
           NULL, NULL, 2, 0.001, NULL, NULL, NULL, -1, 1, ?, 0)`,
      ).run(RUN, counts);
      db.prepare("INSERT INTO task_grads VALUES (?, 1, 'cls', 0.4)").run(RUN);
    },
    check(store) {
      const run = store.getRun(RUN)!;
      expect(run).toMatchObject({
        name: 'old run',
        notes: 'old notes',
        status: 'completed',
        tags: ['b', 'a'],
        experimentName: 'old sweep',
        durationMs: 3000,
        epochsDone: 1,
        finalMetrics: { cls: { loss: 0.75 } },
      });
      expect(run.spec).toEqual(makeSpec({ epochs: 1 }));
      expect(store.getEpochs(RUN)).toEqual([V1_EPOCH]);
      // stored before health existed: the list and Compare say so with null, never a made-up value
      expect(run.lastHealth).toBeNull();
      expect(store.compareData(RUN).health).toEqual([null]);
      expect(store.listExperiments()).toMatchObject([{ id: EXP, name: 'old sweep', sweep: { axes: [] }, runCount: 1 }]);
    },
  },
};

const RUN2 = '22222222-3333-4444-8555-666666666666';

/** Schema 2 adds runs.owner ("host:pid"): a run queued by a live process must stay queued. */
FIXTURES[2] = {
  insert(db) {
    FIXTURES[1].insert(db);
    db.prepare(
      `INSERT INTO runs (id, name, notes, status, spec_json, created_at, epochs_planned, epochs_done, owner)
       VALUES (?, 'queued elsewhere', '', 'queued', ?, 6000, 3, 0, ?)`,
    ).run(RUN2, JSON.stringify(makeSpec({ epochs: 3 })), `${hostname()}:${process.ppid}`);
  },
  check(store) {
    FIXTURES[1].check(store);
    expect(store.getRun(RUN2)).toMatchObject({ name: 'queued elsewhere', status: 'queued' });
  },
};

const RUN3 = '33333333-4444-4555-8666-777777777777';

/**
 * Schema 3 adds the scale-free layer columns and the stored health. An old run with two trunk
 * layers: wRatio comes from the gradRms the migration derived; a schema-3 run reads back as stored.
 */
FIXTURES[3] = {
  insert(db) {
    db.prepare(
      `INSERT INTO runs (id, name, notes, status, spec_json, created_at, epochs_planned, epochs_done, last_health_json)
       VALUES (?, 'with health', '', 'completed', ?, 7000, 1, 1, ?)`,
    ).run(RUN3, JSON.stringify(makeSpec({ epochs: 1 })), JSON.stringify(V3_HEALTH));
    db.prepare(
      `INSERT INTO epochs (run_id, epoch, duration_ms, samples_per_sec, weights_json, vanishing_ratio, probed, nan_mask,
         health_json) VALUES (?, 1, 10, 20, '{"cls":1}', 2, 1, 0, ?)`,
    ).run(RUN3, JSON.stringify({ ...V3_HEALTH, weakestLog10: '-Infinity' }));
    db.prepare(
      `INSERT INTO layer_stats (run_id, epoch, layer_index, layer, kind, trunk, params, grad_l2, grad_mean_abs,
         grad_std, grad_max_abs, grad_small_frac, dz_l2, dz_std, weight_l2, update_ratio, act_mean, act_std,
         act_saturation, hist_min, hist_max, hist_counts, nan_mask, grad_rms, dz_rms, grad_zero_frac, grad_log10_p05,
         grad_log10_p50, grad_log10_p95, update_ratio_epoch, update_rms)
       VALUES (?, 1, 0, 'trunk.1', 'dense', 1, 4, 1, 0.5, 0.5, 1, 0.25, 0, 0, 2, 0.1, 0.5, 0.1, 0, 0, 1, ?, 0,
         0.5, 0, 0.25, NULL, NULL, NULL, 0.2, 0.05)`,
    ).run(RUN3, Buffer.alloc(0));
  },
  check(store) {
    const [e] = store.getEpochs(RUN3);
    expect(e.health).toEqual({ ...V3_HEALTH, weakestLog10: Number.NEGATIVE_INFINITY });
    expect(e.layers[0]).toMatchObject({ gradRms: 0.5, dzRms: 0, gradZeroFrac: 0.25, gradLog10P50: null });
    expect(e.layers[0]).toMatchObject({ updateRatioEpoch: 0.2, updateRms: 0.05 });
    expect(store.getRun(RUN3)!.lastHealth).toEqual(V3_HEALTH);
    expect(store.compareData(RUN3).health).toEqual([{ ...V3_HEALTH, weakestLog10: Number.NEGATIVE_INFINITY }]);
  },
};

const STUDY_RUN = '44444444-5555-4666-8777-888888888888';

/** Schema 4 adds study_runs: a finished study run reads back with its overrides and ids. */
FIXTURES[4] = {
  insert(db) {
    db.prepare(
      `INSERT INTO study_runs (id, study, version, size, seeds, overrides_json, experiment_ids_json, run_ids_json,
         created_at, finished_at, status) VALUES (?, 'glorot-init', 1, 'quick', 3, ?, ?, ?, 8000, 9000, 'done')`,
    ).run(STUDY_RUN, '{"model.width":32}', JSON.stringify([EXP]), JSON.stringify([RUN]));
  },
  check(store) {
    expect(store.studyRuns.get(STUDY_RUN)).toEqual({
      id: STUDY_RUN,
      study: 'glorot-init',
      version: 1,
      size: 'quick',
      seeds: 3,
      overrides: { 'model.width': 32 },
      experimentIds: [EXP],
      runIds: [RUN],
      status: 'done',
      createdAt: new Date(8000).toISOString(),
      finishedAt: new Date(9000).toISOString(),
    });
  },
};

const V3_HEALTH = {
  dzRatio: 0.5,
  wRatio: 0.25,
  weakestLayer: 'trunk.1',
  weakestLog10: -1,
  deadLayers: [],
  alive: 2,
  trunkLayers: 2,
  decades: 3,
  healthFrom: 1,
};

const RUN5 = '55555555-6666-4777-8888-999999999999';

/**
 * Schema 5 adds partial epochs: a diverged run's last epoch, marked partial, with
 * the batch it diverged at; a NULL diverged_loss is a NaN. The older runs' epochs read partial: false.
 */
FIXTURES[5] = {
  insert(db) {
    FIXTURES[3].insert(db);
    db.prepare(
      `INSERT INTO runs (id, name, notes, status, spec_json, error, created_at, epochs_planned, epochs_done)
       VALUES (?, 'diverged', '', 'diverged', ?, 'loss became NaN at epoch 1, batch 5 of 8', 8000, 3, 0)`,
    ).run(RUN5, JSON.stringify(makeSpec({ epochs: 3 })));
    db.prepare(
      `INSERT INTO epochs (run_id, epoch, duration_ms, samples_per_sec, weights_json, vanishing_ratio, probed, nan_mask,
         health_json, partial, diverged_batch, batches, diverged_loss)
       VALUES (?, 1, 10, 20, '{"cls":1}', NULL, 0, 0, ?, 1, 5, 8, NULL)`,
    ).run(RUN5, JSON.stringify({ ...V3_HEALTH, trunkLayers: 0, wRatio: null }));
  },
  check(store) {
    FIXTURES[3].check(store);
    expect(store.getEpochs(RUN3).map((e) => [e.partial, e.divergence])).toEqual([[false, null]]);
    const [e] = store.getEpochs(RUN5);
    expect(e).toMatchObject({ epoch: 1, partial: true, divergence: { batch: 5, batches: 8, loss: Number.NaN } });
    expect(store.getRun(RUN5)).toMatchObject({ status: 'diverged', epochsDone: 0 });
    expect(store.compareData(RUN5).divergence).toEqual([{ batch: 5, batches: 8, loss: Number.NaN }]);
  },
};

describe('migrating from every older schema', () => {
  it.each(MIGRATIONS.map((m) => m.version))('a database at schema %i opens, migrates and keeps its data', (n) => {
    const fixture = FIXTURES[n];
    expect(fixture, `test/unit/store/migration-history.test.ts needs a fixture for migration ${n}`).toBeDefined();
    const path = join(tempDir(), 'old.db');
    const db = new Database(path);
    applyMigrations(db, MIGRATIONS.slice(0, n));
    expect(db.pragma('user_version', { simple: true })).toBe(n);
    fixture.insert(db);
    db.close();

    const store = openStore(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(store.backupPath !== null).toBe(n < LATEST);
    expect(store.interruptedOnOpen).toBe(0);
    fixture.check(store);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    store.close();
  });
});
