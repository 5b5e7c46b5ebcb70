/**
 * The one module that owns event subscriptions: it fans service events out to the stores that
 * care, so no component subscribes on its own and nothing is subscribed twice.
 */
import type { Events } from '@core/api/contract.ts';
import { onBeforeUnmount } from 'vue';
import { useApi } from '../api/inject.ts';
import { useAppStore } from './app.ts';

type Handler<E extends keyof Events> = (p: Events[E]) => void;
const extra: { [E in keyof Events]?: Set<Handler<E>> } = {};

/** Stores register here (once, at creation) to receive an event. */
export function onServiceEvent<E extends keyof Events>(event: E, h: Handler<E>): void {
  const set = (extra[event] ??= new Set() as never) as Set<Handler<E>>;
  set.add(h);
}

export function useEventsBridge(): void {
  const api = useApi();
  const app = useAppStore();
  const dispatch =
    <E extends keyof Events>(event: E) =>
    (p: Events[E]) =>
      (extra[event] as Set<Handler<E>> | undefined)?.forEach((h) => h(p));
  const offs = [
    api.subscribe('run.started', dispatch('run.started')),
    api.subscribe('run.progress', dispatch('run.progress')),
    api.subscribe('run.epoch', dispatch('run.epoch')),
    api.subscribe('run.finished', (p) => (dispatch('run.finished')(p), app.refreshActive())),
    api.subscribe('runs.changed', (p) => (dispatch('runs.changed')(p), app.refreshActive())),
  ];
  onBeforeUnmount(() => offs.forEach((off) => off()));
}
