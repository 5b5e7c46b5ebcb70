/** What a person types for an id: the whole id, or any unique prefix of 8+ characters (as `list` prints). */
import type { ApiClient } from '../api/contract.ts';
import { call } from './context.ts';
import { CliError, EXIT } from './exit-codes.ts';

const ID_CHARS = /^[0-9a-f-]+$/i;
const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The run id `text` names, resolved by the service (runs.resolve) unless it is a whole id. */
export async function resolveRunId(client: ApiClient, text: string): Promise<string> {
  // what cannot be part of an id goes as it is, for the service to say there is no such run
  if (FULL_ID.test(text) || !ID_CHARS.test(text)) return text;
  if (text.length < 8) throw new CliError(`run id ${text}: give at least 8 characters`, EXIT.badInput);
  return (await call(client, 'runs.resolve', { prefix: text }, `run id ${text}`)).id;
}

export function resolveRunIds(client: ApiClient, texts: string[]): Promise<string[]> {
  return Promise.all(texts.map((t) => resolveRunId(client, t)));
}

/** The experiment id `text` names: a whole id, or the one experiment whose id starts with it. */
export async function resolveExperimentId(client: ApiClient, text: string): Promise<string> {
  if (FULL_ID.test(text)) return text;
  if (text.length < 8) throw new CliError(`experiment id ${text}: give at least 8 characters`, EXIT.badInput);
  const matches = (await call(client, 'experiments.list', {})).filter((e) => e.id.startsWith(text.toLowerCase()));
  if (matches.length === 1) return matches[0].id;
  throw new CliError(
    matches.length
      ? `experiment id ${text} is ambiguous: ${matches.length} experiment ids start with it; give more characters`
      : `experiment id ${text}: no experiment id starts with it`,
    EXIT.badInput,
  );
}
