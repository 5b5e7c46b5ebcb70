/**
 * Serve mode: a spec arriving over the network may only name data files inside configured folders,
 * judged after resolving symlinks, so `../` or a link cannot reach the rest of the disk. The answer
 * for a path outside the roots is the same whether or not it exists.
 */
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { DataSpec, SpecIssue } from '../experiment/spec.ts';

/** The user's data folder (XDG on Linux) and the Debian datasets folder. */
export function defaultDataRoots(env: Record<string, string | undefined> = process.env, home = homedir()): string[] {
  const xdg = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return [join(xdg, 'gradient-workbench', 'data'), '/usr/share/datasets'];
}

/** realpath of `p`; for a path that does not exist, of its deepest existing folder plus the rest. */
function real(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(real(parent), basename(abs));
  }
}

const inside = (path: string, root: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Whether `p` lies inside one of `roots`, judged by where it would be if it does not exist. */
export function insideRoots(p: string, roots: string[]): boolean {
  const target = real(p);
  return roots.map(real).some((r) => inside(target, r));
}

/** Issues for each IDX path of `data` that lies outside every root (none for synthetic shapes). */
export function checkDataRoots(spec: { data: DataSpec }, roots: string[] = defaultDataRoots()): SpecIssue[] {
  if (spec.data.kind !== 'idx') return [];
  const realRoots = roots.map(real);
  const issues: SpecIssue[] = [];
  for (const field of ['images', 'labels', 'valImages', 'valLabels'] as const) {
    const p = spec.data[field];
    if (p === undefined) continue;
    // a missing file is judged by where it would be, so the reply does not tell whether it exists
    const target = real(p);
    if (!realRoots.some((r) => inside(target, r)))
      issues.push({
        field: `data.${field}`,
        message: `${p}: is outside the data folders this server may read (${roots.join(', ')})`,
      });
  }
  return issues;
}
