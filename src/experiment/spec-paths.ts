/**
 * Which dotted paths name a spec field (`model.depth`, `tasks.0.aux.layer`, `data.images`), found by
 * walking the zod schema itself, so a new field is sweepable the moment it is declared.
 */
import type { z } from 'zod';
import { closest } from './closest.ts';

type Schema = z.core.$ZodType;
type Def = { type: string; [k: string]: unknown };

const defOf = (s: Schema) => s._zod.def as unknown as Def;

/** The schema under wrappers that do not change which keys exist (default, optional, …). */
function unwrap(s: Schema): Schema {
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if (['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(d.type))
      cur = d.innerType as Schema;
    else if (d.type === 'pipe') cur = d.in as Schema;
    else return cur;
  }
}

/** An array's `.max(n)`, read from its checks (zod keeps no summary of them on the schema). */
function maxLength(d: Def): number {
  const checks = (d.checks ?? []) as Array<{ _zod: { def: { check: string; maximum?: number } } }>;
  const max = checks.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;
  return max ?? Infinity;
}

/** The child schemas reachable by `key` from `s` (several for a union whose branches share it). */
function children(s: Schema, key: string): { found: Schema[]; known: string[]; note?: string } {
  const d = defOf(unwrap(s));
  if (d.type === 'object') {
    const shape = d.shape as Record<string, Schema>;
    return { found: key in shape ? [shape[key]] : [], known: Object.keys(shape) };
  }
  if (d.type === 'array') {
    const max = maxLength(d);
    const ok = /^\d+$/.test(key) && Number(key) < max;
    const note = Number.isFinite(max) ? `a list of at most ${max}, indexed 0 to ${max - 1}` : 'a list, indexed from 0';
    return { found: ok ? [d.element as Schema] : [], known: [], note };
  }
  if (d.type === 'union') {
    const parts = (d.options as Schema[]).map((o) => children(o, key));
    return { found: parts.flatMap((p) => p.found), known: [...new Set(parts.flatMap((p) => p.known))] };
  }
  return { found: [], known: [] };
}

export type PathLookup = { ok: true; schemas: Schema[] } | { ok: false; message: string };

/**
 * The schema(s) a dotted `path` names inside `root`, or why it names none, with the closest
 * known field at the first unknown step.
 */
export function lookupPath(root: Schema, path: string): PathLookup {
  let at: Schema[] = [root];
  const keys = path.split('.');
  for (let i = 0; i < keys.length; i++) {
    const steps = at.map((s) => children(s, keys[i]));
    const found = steps.flatMap((s) => s.found);
    if (!found.length) {
      const known = [...new Set(steps.flatMap((s) => s.known))];
      const parent = keys.slice(0, i).join('.');
      const guess = closest(keys[i], known);
      const where = parent ? `${parent} has no field ${keys[i]}` : `the spec has no field ${keys[i]}`;
      if (guess !== undefined)
        return { ok: false, message: `${where} — did you mean ${[parent, guess].filter(Boolean).join('.')}?` };
      const note = steps.find((st) => st.note)?.note;
      if (note) return { ok: false, message: `${parent} has no item ${keys[i]}: it is ${note}` };
      if (!known.length) return { ok: false, message: `${where}: ${parent} holds a value, not fields` };
      return { ok: false, message: `${where} (known: ${known.join(', ')})` };
    }
    at = found;
  }
  return { ok: true, schemas: at };
}
