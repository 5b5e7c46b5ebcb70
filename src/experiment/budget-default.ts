/**
 * The default memory budget (node only: it reads the machine's memory). A run may use at most a
 * share of it unless the user says otherwise (`--max-memory` or GRADIENT_WORKBENCH_MAX_MEMORY).
 */
import { totalmem } from 'node:os';
import { parseMemorySize } from './bytes.ts';

/** Half the machine: the OS, the app, the database and other runs need the rest. */
export const DEFAULT_MEMORY_SHARE = 0.5;

export const MAX_MEMORY_ENV = 'GRADIENT_WORKBENCH_MAX_MEMORY';

export function defaultMaxMemory(total = totalmem()): number {
  return Math.floor(total * DEFAULT_MEMORY_SHARE);
}

/** The budget in bytes: `option` (e.g. "4GiB") first, then the environment, then the default share. */
export function resolveMaxMemory(
  option?: string | number,
  env: Record<string, string | undefined> = process.env,
): number {
  if (option !== undefined) return parseMemorySize(option);
  const fromEnv = env[MAX_MEMORY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return parseMemorySize(fromEnv);
  return defaultMaxMemory();
}
