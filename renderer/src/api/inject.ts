/** The api client travels by Vue's provide/inject: stores and components ask, never import window. */
import type { ApiClient } from '@core/api/contract.ts';
import { inject, type InjectionKey } from 'vue';

export const API_KEY: InjectionKey<ApiClient> = Symbol('api');

export function useApi(): ApiClient {
  const api = inject(API_KEY);
  if (!api) throw new Error('no api client provided (app.provide(API_KEY, client))');
  return api;
}
