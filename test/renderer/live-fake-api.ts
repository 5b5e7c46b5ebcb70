/** A fake ApiClient for renderer store and view tests: canned runs and epochs, events on demand. */
import type { ApiClient, Events } from '../../src/api/contract.ts';
import type { RunDetail } from '../../src/domain/runs.ts';
import type { EpochRecord } from '../../src/domain/records.ts';
import { BACKEND, makeSpec } from '../unit/store/fixtures/records.ts';

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
    finalMetrics: {},
    error: null,
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
  /** answers for methods not covered above */
  answers?: Record<string, (input: any) => unknown>;
}

export function fakeApi(state: FakeState) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: Array<{ method: string; input: any }> = [];
  const handlers: Record<string, (input: any) => unknown> = {
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
      door: 'local',
    }),
    ...state.answers,
  };
  const api: ApiClient = {
    async invoke(method, input) {
      calls.push({ method, input });
      const h = handlers[method];
      const value = h ? h(input) : undefined;
      if (value && typeof value === 'object' && 'error' in value && 'ok' in value) return value as never;
      return value === undefined
        ? { ok: false, error: { code: 'not_found', message: `no answer for ${method}` } }
        : { ok: true, value: value as never };
    },
    subscribe(event, cb) {
      const set = listeners.get(event) ?? new Set();
      set.add(cb as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(cb as (p: unknown) => void);
    },
  };
  const emit = <E extends keyof Events>(event: E, payload: Events[E]) =>
    listeners.get(event)?.forEach((cb) => cb(payload));
  return { api, calls, emit };
}
