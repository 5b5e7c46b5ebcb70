/**
 * A guard against absurdly nested JSON (a 100 000-deep list overflows the stack of anything
 * recursive: structuredClone, JSON.stringify, zod). Walks iteratively, so it cannot overflow itself.
 */
import type { SpecIssue } from './issues.ts';

/** Deeper than any real spec (the deepest real field is tasks.0.aux.layer, 4 levels). */
export const MAX_NESTING = 32;

/** The path of the first value nested deeper than `max`, or undefined when none is. */
export function tooDeepAt(value: unknown, max = MAX_NESTING): string[] | undefined {
  const stack: Array<{ v: unknown; path: string[] }> = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= max) return path;
    for (const [k, child] of Object.entries(v)) stack.push({ v: child, path: [...path, k] });
  }
  return undefined;
}

/** An issue naming where `value` nests too deep, or undefined. */
export function checkNesting(value: unknown, prefix: string[] = [], max = MAX_NESTING): SpecIssue | undefined {
  const at = tooDeepAt(value, max);
  if (!at) return undefined;
  // named by the field that holds the nesting: the path up to its first list index
  const full = [...prefix, ...at];
  const firstIndex = full.findIndex((k, i) => i > 0 && /^\d+$/.test(k));
  const field = full.slice(0, firstIndex < 0 ? 1 : firstIndex).join('.');
  return { field, message: `is nested more than ${max} levels deep; no spec field is` };
}
