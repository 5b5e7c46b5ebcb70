/** The CLI end to end: a 2-epoch run of every example, exported and parsed back. */
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../helpers/cli.ts';

const tmp = tempDir();
afterAll(tmp.cleanup);
const db = join(tmp.dir, 'examples.db');
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));

describe('every example trains for 2 epochs through the CLI', () => {
  for (const file of examples) {
    it(file, async () => {
      const raw = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8'));
      const runs = raw.sweep
        ? Object.values(raw.sweep as Record<string, unknown[]>).reduce((n, v) => n * v.length, 1)
        : 1;
      const r = await cli(['run', `examples/${file}`, '--db', db, '--epochs', '2', '--json', '--parallel', '2']);
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      const events = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const finished = events.filter((e) => e.event === 'finished');
      expect(finished).toHaveLength(runs);
      for (const f of finished) expect(f).toMatchObject({ status: 'completed', epochs: 2 });
      expect(events.filter((e) => e.event === 'epoch')).toHaveLength(2 * runs);
      expect(events.find((e) => e.event === 'started').backend.name).toBeTruthy();

      const ids = finished.map((f) => f.runId);
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
        'epoch',
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
    const list = await cli(['list', '--db', db, '--json', '--limit', '100']);
    const { total, items } = JSON.parse(list.stdout);
    expect(total).toBe(items.length);
    expect(items.every((r: { status: string }) => r.status === 'completed')).toBe(true);
    const show = await cli(['show', items[0].id, '--db', db]);
    expect(show.stdout).toMatch(/epoch 2:/);
    expect(show.stdout).toMatch(/backend /);
  });
});
