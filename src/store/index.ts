/** The run store's public surface. */
export { openDatabase, DEFAULT_MIGRATIONS_DIR, type OpenDatabaseOptions, type OpenedDatabase } from './database.ts';
export { COMPARE_LAYER_FIELDS, DEFAULT_COMPARE_LAYER_FIELDS } from '../domain/compare.ts';
export { RunStore, openStore, type RunStoreOptions } from './run-store.ts';
export { RemoteRuns, type RemoteWrite } from './remote-runs.ts';
export { defaultDatabasePath } from './paths.ts';
export { INTERRUPTED_MESSAGE } from './runs-repo.ts';
export * from './errors.ts';
export { DatabaseError, type DatabaseProblem } from './open-errors.ts';
export type * from './types.ts';
export type { CreateStudyRunInput, StudyRunRow } from './study-runs-repo.ts';
