/**
 * Study runs (migration 0004): which study started which experiments and runs, with what size,
 * seeds and overrides. What a study measured is never stored: it is recomputed from the runs.
 */
import { randomUUID } from 'node:crypto';
import type { StudyRunStatus, StudySize } from '../domain/studies.ts';
import { NotFoundError } from './errors.ts';
import type { Statements } from './statements.ts';

/** A stored study run, as written; progress and results are derived from its runs. */
export interface StudyRunRow {
  id: string;
  study: string;
  version: number;
  size: StudySize;
  seeds: number;
  overrides: Record<string, unknown>;
  experimentIds: string[];
  runIds: string[];
  status: StudyRunStatus;
  createdAt: string;
  finishedAt: string | null;
}

export type CreateStudyRunInput = Omit<StudyRunRow, 'id' | 'status' | 'createdAt' | 'finishedAt'>;

interface Row {
  id: string;
  study: string;
  version: number;
  size: StudySize;
  seeds: number;
  overrides_json: string;
  experiment_ids_json: string;
  run_ids_json: string;
  status: StudyRunStatus;
  created_at: number;
  finished_at: number | null;
}

const COLUMNS = `id, study, version, size, seeds, overrides_json, experiment_ids_json, run_ids_json, status,
  created_at, finished_at`;

const fromRow = (r: Row): StudyRunRow => ({
  id: r.id,
  study: r.study,
  version: r.version,
  size: r.size,
  seeds: r.seeds,
  overrides: JSON.parse(r.overrides_json),
  experimentIds: JSON.parse(r.experiment_ids_json),
  runIds: JSON.parse(r.run_ids_json),
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
  finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
});

export class StudyRunsRepo {
  constructor(
    private readonly s: Statements,
    /** clock, milliseconds since the epoch */
    private readonly now: () => number,
    /** throws when the store is read-only */
    private readonly writable: () => void,
  ) {}

  /** @returns the new study run's id */
  create(x: CreateStudyRunInput): string {
    this.writable();
    const id = randomUUID();
    this.s
      .get(
        `INSERT INTO study_runs (id, study, version, size, seeds, overrides_json, experiment_ids_json, run_ids_json,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        x.study,
        x.version,
        x.size,
        x.seeds,
        JSON.stringify(x.overrides),
        JSON.stringify(x.experimentIds),
        JSON.stringify(x.runIds),
        this.now(),
      );
    return id;
  }

  get(id: string): StudyRunRow | null {
    const row = this.s.get(`SELECT ${COLUMNS} FROM study_runs WHERE id = ?`).get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Newest first; with `study`, only that study's runs. */
  list(study?: string): StudyRunRow[] {
    const rows = (
      study === undefined
        ? this.s.get(`SELECT ${COLUMNS} FROM study_runs ORDER BY created_at DESC, id`).all()
        : this.s.get(`SELECT ${COLUMNS} FROM study_runs WHERE study = ? ORDER BY created_at DESC, id`).all(study)
    ) as Row[];
    return rows.map(fromRow);
  }

  /**
   * running → its final status, once every run has ended (a later call changes nothing).
   * @param finishedAt ms since the epoch: when its last run ended (default: now)
   */
  finish(id: string, status: Exclude<StudyRunStatus, 'running'>, finishedAt = this.now()): void {
    this.writable();
    const r = this.s
      .get(`UPDATE study_runs SET status = ?, finished_at = ? WHERE id = ? AND status = 'running'`)
      .run(status, finishedAt, id);
    if (r.changes === 0 && !this.get(id)) throw new NotFoundError('study run', id);
  }
}
