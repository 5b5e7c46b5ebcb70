/** Runs and epochs for renderer store and view tests, and replies that answer from them. */
import type { RunDetail } from '../../src/domain/runs.ts';
import type { EpochRecord } from '../../src/domain/records.ts';
import { BACKEND, makeSpec } from '../unit/store/fixtures/records.ts';
import type { Replies } from './fake-api.ts';

export function makeRun(id: string, over: Partial<RunDetail> = {}): RunDetail {
  return {
    id,
    name: `run ${id}`,
    status: 'running',
    experimentId: null,
    experimentName: null,
    tags: [],
    createdAt: '2025-01-01T00:00:00Z',
    startedAt: '2025-01-01T00:00:01Z',
    finishedAt: null,
    durationMs: null,
    epochsPlanned: 10,
    epochsDone: 0,
    lastVanishingRatio: null,
    lastHealth: null,
    finalMetrics: {},
    error: null,
    // one group per run unless a test says otherwise: only runs a test groups on purpose fold together
    seedGroup: `sg-${id}`,
    spec: makeSpec(),
    backend: BACKEND,
    notes: '',
    ...over,
  };
}

export interface FakeState {
  runs: RunDetail[];
  epochs: Record<string, EpochRecord[]>;
  running: string[];
  queued: string[];
}

/** Replies for the shared fake (fake-api.ts) that answer from `state`: runs, their epochs, what is active. */
export function runReplies(state: FakeState): Replies {
  return {
    'runs.get': ({ id }) => state.runs.find((r) => r.id === id),
    'runs.epochs': ({ id, from = 1, to = Infinity }) =>
      (state.epochs[id] ?? []).filter((e) => e.epoch >= from && e.epoch <= to),
    'runs.active': () => ({ running: state.running, queued: state.queued, progress: {} }),
    'runs.list': () => ({ total: state.runs.length, items: [...state.runs].reverse().slice(0, 1) }),
    'runs.cancel': () => ({ cancelled: true }),
    'app.info': () => ({
      version: '0',
      dbPath: ':memory:',
      readOnly: false,
      readOnlyReason: null,
      parallel: 1,
      maxParallel: 4,
      dbBytes: null,
      door: 'local',
    }),
  };
}
