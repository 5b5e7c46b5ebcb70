/**
 * The CLI end to end: every example trains for 2 epochs on a small data set (through `--set`, so a
 * busy 2-core machine stays far from the timeout), is exported and parsed back; where the point of
 * an example already shows at this size, its physics is asserted too.
 */
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { cli, ROOT, tempDir } from '../helpers/cli.ts';
import { BACKEND, makeEpoch, makeSpec } from '../unit/store/fixtures/records.ts';

const tmp = tempDir();
afterAll(tmp.cleanup);
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));

/** 128 training images of 16×16 instead of 2048 of 32×32: a few seconds per run on one core */
const SMALL = ['data.trainCount=128', 'data.valCount=32', 'data.imageSize=16'].flatMap((s) => ['--set', s]);

/**
 * log10 of the last epoch's vanishing ratio (first over last trunk layer). At this size the
 * sigmoid MLP is already ~7 decades down, the ReLU + He control within one, and the auxiliary
 * head lifts the sigmoid MLP's first layer by several decades.
 */
const PHYSICS: Record<string, (log10Ratio: number) => void> = {
  'vanishing-sigmoid-mlp.json': (r) => expect(r).toBeLessThan(-4),
  'relu-he-control.json': (r) => expect(Math.abs(r)).toBeLessThan(1.5),
  'deep-supervision.json': (r) => expect(r).toBeGreaterThan(-3),
};

interface Event {
  event: string;
  payload: Record<string, unknown> & { runId: string };
}

describe('every example trains for 2 epochs through the CLI', () => {
  for (const file of examples) {
    it(file, async () => {
      const db = join(tmp.dir, `${file}.db`);
      const raw = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8'));
      const runs = raw.sweep
        ? Object.values(raw.sweep as Record<string, unknown[]>).reduce((n, v) => n * v.length, 1)
        : 1;
      const args = ['run', `examples/${file}`, '--db', db, ...SMALL, '--epochs', '2', '--json', '--parallel', '2'];
      const r = await cli(args);
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      const events = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Event);
      const finished = events.filter((e) => e.event === 'run.finished');
      expect(finished).toHaveLength(runs);
      for (const f of finished) expect(f.payload).toMatchObject({ status: 'completed', epochs: 2 });
      const epochs = events.filter((e) => e.event === 'run.epoch');
      expect(epochs).toHaveLength(2 * runs);
      expect(events.find((e) => e.event === 'run.started')!.payload).toMatchObject({
        backend: { name: expect.any(String) },
      });
      const last = epochs.at(-1)!.payload.record as { epoch: number; vanishingRatio: number };
      expect(last.epoch).toBe(2);
      PHYSICS[file]?.(Math.log10(last.vanishingRatio));

      const ids = finished.map((f) => f.payload.runId);
      const csv = await cli(['export', ...ids, '--db', db, '--format', 'csv']);
      expect(csv.code).toBe(0);
      const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
      expect(Object.keys(rows[0])).toEqual([
        'run_id',
        'run_name',
        'experiment',
        'tags',
        'started_at',
        'duration_s',
        'seed_group',
        'epoch',
        'partial',
        'split',
        'subject',
        'series',
        'value',
      ]);
      expect(new Set(rows.map((x) => x.run_id))).toEqual(new Set(ids));
      expect(rows.some((x) => x.series === 'vanishing_ratio' && Number.isFinite(Number(x.value)))).toBe(true);
      expect(rows.some((x) => x.subject === 'trunk.1' && x.series === 'grad_l2')).toBe(true);

      const wide = await cli(['export', ...ids, '--db', db, '--format', 'csv-wide']);
      expect((parse(wide.stdout, { columns: true }) as unknown[]).length).toBe(2 * runs);
    });
  }

  it('list and show read what was stored', async () => {
    const db = join(tmp.dir, 'stored.db');
    const store = openStore(db);
    const id = store.createRun({ spec: makeSpec({ epochs: 2 }), name: 'stored run', tags: [], notes: '' });
    store.markRunning(id, BACKEND);
    [1, 2].forEach((e) => store.appendEpoch(id, makeEpoch(e)));
    store.finishRun(id, 'completed', null);
    store.close();
    const list = await cli(['list', '--db', db, '--json', '--limit', '100']);
    const { total, items } = JSON.parse(list.stdout);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ id, name: 'stored run', status: 'completed', epochsDone: 2 });
    const show = await cli(['show', id, '--db', db]);
    expect(show.stdout).toMatch(/epoch 2:/);
    expect(show.stdout).toMatch(/backend cpu \(1 thread\)/);
  });
});
