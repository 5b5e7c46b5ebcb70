/**
 * What a built-in study is made of: its published expectation, the experiment each size runs,
 * and pure measures over the stored runs. The runner (runner.ts) and the result (result.ts) read
 * nothing else of a study, so a new study is one file and a line in registry.ts.
 */
import type { EpochRecord } from '../domain/records.ts';
import type { RunStatus } from '../domain/run-status.ts';
import type { StudyChart, StudyFinding, StudyInfo, StudyQuantity, StudySize } from '../domain/studies.ts';
import type { Spec } from '../experiment/spec.ts';

/** One run of a study as stored: its validated spec and every epoch it recorded. */
export interface StoredRun {
  id: string;
  spec: Spec;
  status: RunStatus;
  epochs: EpochRecord[];
}

/** An experiment input for `runs.start` (name, base spec, sweep axes; seeds are the `seed` axis). */
export interface StudyExperiment {
  name: string;
  description?: string;
  base: Record<string, unknown>;
  sweep: Record<string, unknown[]>;
}

/** What the measures make of the runs that have ended so far. */
export interface Measured {
  quantities: StudyQuantity[];
  findings: StudyFinding[];
  charts: StudyChart[];
}

/** What `studies.list` shows of it (StudyInfo) comes from these fields; the rule and plans are derived. */
export interface StudyDefinition extends Pick<
  StudyInfo,
  'name' | 'version' | 'title' | 'question' | 'expectation' | 'citation'
> {
  /** the default number of seeds of each size (`--seeds` replaces it) */
  seeds: Record<StudySize, number>;
  /** the experiments of one size, with `seeds` seeds (1, 2, …) as the `seed` sweep axis */
  experiments(size: StudySize, seeds: number): StudyExperiment[];
  /** pure: the quantities, findings (with verdicts) and charts of the completed runs */
  measure(runs: StoredRun[]): Measured;
}
