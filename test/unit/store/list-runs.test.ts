import { afterEach, describe, expect, it } from 'vitest';
import { buildListQuery, likePattern, type NormalizedListQuery } from '../../../src/store/list-runs.ts';
import { openStore, type RunStore } from '../../../src/store/run-store.ts';
import { BACKEND, makeEpoch, makeSpec } from './fixtures/records.ts';

let clock = 0;
let store: RunStore;
afterEach(() => store?.close());

/** Five runs, one minute apart: name, tags, notes, experiment, final status, run time (s). */
function seed(): Record<string, string> {
  clock = Date.UTC(2025, 5, 1);
  store = openStore(':memory:', { now: () => clock });
  const sweep = store.createExperiment({ name: 'Depth sweep' });
  const rows = [
    ['alpha', ['mtl', 'deep'], 'baseline', null, 'completed', 30],
    ['Bravo', ['mtl'], 'uses 100% of data', sweep, 'failed', 5],
    ['charlie', [], '', sweep, 'completed', 90],
    ['delta_1', ['deep'], 'notes', null, 'running', null],
    ['echo', [], 'queued one', null, null, null],
  ] as const;
  const ids: Record<string, string> = {};
  for (const [name, tags, notes, experimentId, status, seconds] of rows) {
    clock += 60_000;
    const id = store.createRun({ spec: makeSpec(), name, tags: [...tags], notes, experimentId });
    ids[name] = id;
    if (status === null) continue;
    store.markRunning(id, BACKEND);
    store.appendEpoch(id, makeEpoch(1));
    if (seconds !== null) {
      clock += seconds * 1000;
      store.finishRun(id, status);
      clock -= seconds * 1000;
    }
  }
  return ids;
}

const names = (q: Parameters<RunStore['listRuns']>[0] = {}) => store.listRuns(q).items.map((r) => r.name);

describe('listRuns', () => {
  it('lists newest first by default, with summaries and no notes', () => {
    seed();
    const { total, items } = store.listRuns();
    expect(total).toBe(5);
    expect(items.map((r) => r.name)).toEqual(['echo', 'delta_1', 'charlie', 'Bravo', 'alpha']);
    const alpha = items[4];
    expect(alpha).toMatchObject({ tags: ['mtl', 'deep'], status: 'completed', durationMs: 30_000, epochsDone: 1 });
    expect(alpha.finalMetrics).toEqual({ cls: { loss: 1.1, accuracy: 0.51 }, seg: { iou: 0.305 } });
    expect(alpha.lastVanishingRatio).toBe(0.01);
    expect(alpha).not.toHaveProperty('notes');
    expect(items[2].experimentName).toBe('Depth sweep');
  });

  it('filters by status, tag, experiment and text (name, notes, experiment name; % and _ literal)', () => {
    const ids = seed();
    expect(names({ status: 'completed' })).toEqual(['charlie', 'alpha']);
    expect(names({ tag: 'deep' })).toEqual(['delta_1', 'alpha']);
    expect(names({ experimentId: store.getRun(ids.Bravo)!.experimentId! })).toEqual(['charlie', 'Bravo']);
    expect(names({ text: 'BRAV' })).toEqual(['Bravo']);
    expect(names({ text: 'baseline' })).toEqual(['alpha']);
    expect(names({ text: 'depth' })).toEqual(['charlie', 'Bravo']);
    expect(names({ text: '100%' })).toEqual(['Bravo']);
    expect(names({ text: 'a_1' })).toEqual(['delta_1']);
    expect(names({ text: '%' })).toEqual(['Bravo']);
    expect(names({ tag: 'mtl', status: 'failed' })).toEqual(['Bravo']);
    expect(store.listRuns({ tag: 'nope' })).toEqual({ total: 0, items: [] });
  });

  it('sorts by name, status and duration in both directions, and pages', () => {
    seed();
    expect(names({ sort: 'name', dir: 'asc' })).toEqual(['alpha', 'Bravo', 'charlie', 'delta_1', 'echo']);
    expect(names({ sort: 'name', dir: 'desc' })).toEqual(['echo', 'delta_1', 'charlie', 'Bravo', 'alpha']);
    expect(names({ sort: 'created', dir: 'asc' })).toEqual(['alpha', 'Bravo', 'charlie', 'delta_1', 'echo']);
    // unfinished runs have no duration and come last either way
    expect(names({ sort: 'duration', dir: 'asc' })).toEqual(['Bravo', 'alpha', 'charlie', 'echo', 'delta_1']);
    expect(names({ sort: 'duration', dir: 'desc' })).toEqual(['charlie', 'alpha', 'Bravo', 'echo', 'delta_1']);
    expect(names({ sort: 'status', dir: 'asc' })).toEqual(['echo', 'delta_1', 'charlie', 'alpha', 'Bravo']);
    const page = store.listRuns({ limit: 2, offset: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((r) => r.name)).toEqual(['charlie', 'Bravo']);
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe('listRuns sorts by every History column', () => {
  it('experiment and first tag, A to Z or back, runs without one last', () => {
    seed();
    expect(names({ sort: 'experiment', dir: 'asc' })).toEqual(['charlie', 'Bravo', 'echo', 'delta_1', 'alpha']);
    expect(names({ sort: 'tags', dir: 'asc' })).toEqual(['delta_1', 'Bravo', 'alpha', 'echo', 'charlie']);
    expect(names({ sort: 'tags', dir: 'desc' })).toEqual(['Bravo', 'alpha', 'delta_1', 'echo', 'charlie']);
  });

  it('gradient health by the weakest layer, closest to vanishing first when ascending', () => {
    const ids = seed();
    const setWeakest = store.db.prepare(
      "UPDATE runs SET last_health_json = json_set(last_health_json, '$.weakestLog10', ?) WHERE id = ?",
    );
    setWeakest.run(-6, ids.charlie);
    setWeakest.run(-0.5, ids.Bravo);
    setWeakest.run(-3, ids.alpha);
    setWeakest.run(-2, ids.delta_1);
    expect(names({ sort: 'health', dir: 'asc' })).toEqual(['charlie', 'alpha', 'delta_1', 'Bravo', 'echo']);
    expect(names({ sort: 'health', dir: 'desc' })).toEqual(['Bravo', 'delta_1', 'alpha', 'charlie', 'echo']);
  });
});

describe('listRuns sorts by a final metric', () => {
  it('orders by the chosen task/metric, runs without it (or with NaN) last in either direction', () => {
    const ids = seed();
    const setAcc = store.db.prepare(
      "UPDATE runs SET summary_json = json_set(summary_json, '$.cls.accuracy', ?) WHERE id = ?",
    );
    setAcc.run(0.9, ids.charlie);
    setAcc.run(0.2, ids.Bravo);
    setAcc.run(0.6, ids.alpha);
    setAcc.run('NaN', ids.delta_1);
    const q = { sort: 'metric', metric: 'cls/accuracy' } as const;
    expect(names({ ...q, dir: 'desc' })).toEqual(['charlie', 'alpha', 'Bravo', 'echo', 'delta_1']);
    expect(names({ ...q, dir: 'asc' })).toEqual(['Bravo', 'alpha', 'charlie', 'echo', 'delta_1']);
    // a metric no run has: every run lacks it, newest first
    expect(names({ sort: 'metric', metric: 'recon/mse' })).toEqual(['echo', 'delta_1', 'charlie', 'Bravo', 'alpha']);
  });

  it('refuses sort metric without a metric, or a metric that is not task/metric, naming the field', () => {
    seed();
    expect(() => store.listRuns({ sort: 'metric' })).toThrow(/metric.*required with sort 'metric'/);
    expect(() => store.listRuns({ sort: 'metric', metric: "cls'.x" })).toThrow(/metric.*must be task\/metric/);
  });
});

describe('the list query plan', () => {
  const base: NormalizedListQuery = { limit: 50, offset: 0, sort: 'created', dir: 'desc' };
  const plan = (q: NormalizedListQuery, which: 'sql' | 'countSql') => {
    const built = buildListQuery(q);
    const extra = which === 'sql' ? [50, 0] : [];
    return (
      store.db.prepare(`EXPLAIN QUERY PLAN ${built[which]}`).all(...built.params, ...extra) as Array<{ detail: string }>
    ).map((r) => r.detail);
  };

  it.each<[string, Partial<NormalizedListQuery>]>([
    ['default', {}],
    ['status', { status: 'running' }],
    ['tag', { tag: 'mtl' }],
    ['experiment', { experimentId: '00000000-0000-4000-8000-000000000000' }],
    ['name sort', { sort: 'name', dir: 'asc' }],
  ])('%s: reads runs through an index and never an epoch table', (_label, q) => {
    seed();
    for (const which of ['sql', 'countSql'] as const) {
      const details = plan({ ...base, ...q }, which);
      expect(details.join('\n')).not.toMatch(/\b(epochs|metrics|layer_stats|task_grads|task_cosines)\b/);
      const runsAccess = details.filter((d) => /^(SCAN|SEARCH) (r|runs)\b/.test(d));
      expect(runsAccess.length, details.join('\n')).toBeGreaterThan(0);
      for (const d of runsAccess) expect(d, details.join('\n')).toMatch(/USING (COVERING )?INDEX/);
    }
  });

  it('text search and the duration, experiment, tags and health sorts still stay off the epoch tables', () => {
    seed();
    for (const q of [
      { text: 'x' },
      ...(['duration', 'experiment', 'tags', 'health'] as const).map((sort) => ({ sort })),
      { sort: 'metric' as const, metric: 'cls/accuracy' },
    ])
      expect(plan({ ...base, ...q }, 'sql').join('\n')).not.toMatch(
        /\b(epochs|metrics|layer_stats|task_grads|task_cosines)\b/,
      );
  });
});
