/**
 * Parsing flag values where commander reads them, so a bad value fails naming the flag
 * (commander prints "option '--epochs <n>' argument 'abc' is invalid. …") and exits 2.
 */
import { InvalidArgumentError } from 'commander';
import { parseMemorySize } from '../experiment/bytes.ts';

export function intFlag(o: { min: number; max?: number }): (value: string) => number {
  const range = o.max === undefined ? `≥ ${o.min}` : `from ${o.min} to ${o.max}`;
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < o.min || (o.max !== undefined && n > o.max))
      throw new InvalidArgumentError(`must be an integer ${range}`);
    return n;
  };
}

export function enumFlag<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!values.includes(value as T)) throw new InvalidArgumentError(`must be one of ${values.join(', ')}`);
    return value as T;
  };
}

/** A memory size such as 512MiB or 4GiB, in bytes. */
export function sizeFlag(value: string): number {
  try {
    return parseMemorySize(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** One `--set path=value`: a dotted spec path, and the value as JSON when it parses, else the text. */
export interface Override {
  path: string;
  value: unknown;
}

const DOTTED = /^[A-Za-z]+(\.[A-Za-z0-9]+)*$/;

/** commander's reducer for the repeatable --set */
export function setFlag(text: string, previous: Override[] = []): Override[] {
  const eq = text.indexOf('=');
  const path = eq < 0 ? text : text.slice(0, eq);
  if (eq < 0 || !DOTTED.test(path))
    throw new InvalidArgumentError('expected path=value with a dotted spec path, e.g. data.trainCount=256');
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // not JSON: the text itself, so `--set model.activation=relu` needs no quotes
  }
  return [...previous, { path, value }];
}
