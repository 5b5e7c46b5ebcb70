-- 0004: study runs (src/studies): one row per start of a built-in study.
--
-- A study run names the study and the version of it that ran, the size, the seeds and the `set`
-- overrides it was started with (JSON object, dotted spec path → value), and the experiments and
-- runs it started (JSON arrays of ids, in run order: the result is recomputed from those runs on
-- every read, so nothing measured is stored here). status is 'running' until every run has ended,
-- then 'done', 'failed' (a run failed, diverged or was interrupted) or 'cancelled'.
CREATE TABLE study_runs (
  id TEXT PRIMARY KEY,
  study TEXT NOT NULL,
  version INTEGER NOT NULL,
  size TEXT NOT NULL CHECK (size IN ('quick', 'full')),
  seeds INTEGER NOT NULL CHECK (seeds >= 1),
  overrides_json TEXT NOT NULL DEFAULT '{}',
  experiment_ids_json TEXT NOT NULL DEFAULT '[]',
  run_ids_json TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'cancelled'))
);
CREATE INDEX study_runs_by_created ON study_runs (created_at DESC);
CREATE INDEX study_runs_by_study ON study_runs (study, created_at DESC);
