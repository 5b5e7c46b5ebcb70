/**
 * Everything checked before a run exists, beyond the schema (node only): data files inside the
 * allowed roots (serve mode), IDX headers valid, and the memory estimate within the budget.
 * Throws one SpecError listing every problem, so nothing is written when any run would fail.
 */
import { checkDataFiles, type DataFilesReport } from '../data/check-files.ts';
import { checkDataRoots } from '../data/data-roots.ts';
import { checkBudget } from './budget.ts';
import { resolveMaxMemory } from './budget-default.ts';
import { capIssues, SpecError, type SpecIssue } from './issues.ts';
import type { LoadedSpecFile } from './load-file.ts';
import type { Spec } from './spec.ts';

export interface PreflightOptions {
  /** bytes; default resolveMaxMemory() (half the machine, or the environment's setting) */
  maxMemory?: number;
  /** when set (serve mode), IDX paths must lie inside these folders */
  dataRoots?: string[];
}

/** The problems of one spec beyond its schema; `files` caches header checks across a sweep. */
export function specPreflightIssues(
  spec: Spec,
  opts: PreflightOptions = {},
  files = new Map<string, DataFilesReport>(),
): SpecIssue[] {
  if (opts.dataRoots) {
    const outside = checkDataRoots(spec, opts.dataRoots);
    // nothing more is said about a file outside the roots, not even whether it exists
    if (outside.length) return outside;
  }
  const key = JSON.stringify([spec.data, spec.model]);
  const report = files.get(key) ?? checkDataFiles(spec);
  files.set(key, report);
  if (report.issues.length) return report.issues;
  return checkBudget(spec, opts.maxMemory ?? resolveMaxMemory(), report.shape);
}

/** Checks every spec of a run or sweep; throws SpecError naming each bad field (and run, in a sweep). */
export function preflight(specs: Spec[], opts: PreflightOptions = {}): void {
  const o = { ...opts, maxMemory: opts.maxMemory ?? resolveMaxMemory() };
  const files = new Map<string, DataFilesReport>();
  const seen = new Set<string>();
  const issues: SpecIssue[] = [];
  for (const spec of specs)
    for (const i of specPreflightIssues(spec, o, files)) {
      const message = specs.length > 1 ? `${i.message} (run ${spec.name})` : i.message;
      // the same file problem in every run of a sweep is said once
      if (seen.has(i.field + i.message)) continue;
      seen.add(i.field + i.message);
      issues.push({ field: i.field, message });
    }
  if (issues.length) throw new SpecError(capIssues(issues));
}

/** The specs a loaded file asks to run: one, or every point of the sweep. */
export function specsOf(f: LoadedSpecFile): Spec[] {
  return f.kind === 'spec' ? f.specs : f.experiment.runs.map((r) => r.spec);
}
