/** Experiments: named groups of runs, usually one sweep. */
import { randomUUID } from 'node:crypto';
import { NotFoundError } from './errors.ts';
import type { Statements } from './statements.ts';
import type { Experiment } from './types.ts';

interface ExperimentRow {
  id: string;
  name: string;
  created_at: number;
  sweep_json: string | null;
  run_count: number;
}

export class ExperimentsRepo {
  constructor(
    private readonly s: Statements,
    /** clock, milliseconds since the epoch */
    private readonly now: () => number,
  ) {}

  create(name: string, sweep: unknown): string {
    const id = randomUUID();
    const sweepJson = sweep === undefined ? null : JSON.stringify(sweep);
    this.s
      .get('INSERT INTO experiments (id, name, created_at, sweep_json) VALUES (?, ?, ?, ?)')
      .run(id, name, this.now(), sweepJson ?? null);
    return id;
  }

  /** Newest first. */
  list(): Experiment[] {
    const rows = this.s
      .get(
        `SELECT x.id, x.name, x.created_at, x.sweep_json,
           (SELECT count(*) FROM runs r WHERE r.experiment_id = x.id) AS run_count
         FROM experiments x ORDER BY x.created_at DESC, x.id`,
      )
      .all() as ExperimentRow[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: new Date(r.created_at).toISOString(),
      sweep: r.sweep_json === null ? null : JSON.parse(r.sweep_json),
      runCount: r.run_count,
    }));
  }

  assertExists(id: string): void {
    const row = this.s.get('SELECT 1 FROM experiments WHERE id = ?').get(id);
    if (row === undefined) throw new NotFoundError('experiment', id);
  }
}
