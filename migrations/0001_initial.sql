-- 0001: the first schema of the Gradient Workbench run store.
--
-- Conventions (read before writing 0002+):
-- * Times are INTEGER milliseconds since the Unix epoch, UTC.
-- * SQLite cannot store NaN: binding NaN yields NULL. A REAL column that is never null in
--   EpochRecord reads NULL back as NaN. For REAL columns that may legitimately be null
--   (vanishing_ratio, dz_*, act_*), `nan_mask` has bit i set when field i of that row is NaN
--   rather than null (bit order in src/store/codec.ts).
-- * JSON columns encode non-finite numbers as the strings "NaN", "Infinity", "-Infinity".
-- * hist_counts is a BLOB of little-endian uint32, one per bin (4 bytes × bins).
-- * Arrays in an EpochRecord come back in insertion order (ORDER BY rowid), so no table here
--   is WITHOUT ROWID.
-- The runner applies every pending file in one transaction with foreign_keys OFF, then runs
-- PRAGMA foreign_key_check; PRAGMA user_version is set by the runner, not by the files.

CREATE TABLE experiments (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  sweep_json  TEXT
) STRICT;

CREATE TABLE runs (
  id                    TEXT PRIMARY KEY,
  experiment_id         TEXT REFERENCES experiments(id) ON DELETE SET NULL,
  name                  TEXT NOT NULL DEFAULT '',
  notes                 TEXT NOT NULL DEFAULT '',
  status                TEXT NOT NULL CHECK (status IN
                          ('queued', 'running', 'completed', 'cancelled', 'failed', 'diverged', 'interrupted')),
  spec_json             TEXT NOT NULL,
  backend_json          TEXT,
  error                 TEXT,
  created_at            INTEGER NOT NULL,
  started_at            INTEGER,
  finished_at           INTEGER,
  epochs_planned        INTEGER NOT NULL CHECK (epochs_planned >= 0),
  epochs_done           INTEGER NOT NULL DEFAULT 0 CHECK (epochs_done >= 0),
  -- summary columns, rewritten with each newest epoch so that listing never reads epoch tables
  last_vanishing_ratio  REAL,
  summary_json          TEXT
) STRICT;

-- id closes each index so ORDER BY created_at, id (the list's stable order) needs no sort step
CREATE INDEX idx_runs_created ON runs (created_at, id);
CREATE INDEX idx_runs_status ON runs (status, created_at, id);
CREATE INDEX idx_runs_experiment ON runs (experiment_id, created_at, id);
CREATE INDEX idx_runs_name ON runs (name COLLATE NOCASE);

CREATE TABLE run_tags (
  run_id    TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  tag       TEXT NOT NULL,
  -- order the tags were given in, 0-based
  position  INTEGER NOT NULL,
  PRIMARY KEY (run_id, tag)
) STRICT;

CREATE INDEX idx_run_tags_tag ON run_tags (tag, run_id);

CREATE TABLE epochs (
  run_id           TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  epoch            INTEGER NOT NULL CHECK (epoch >= 1),
  duration_ms      REAL,
  samples_per_sec  REAL,
  weights_json     TEXT NOT NULL,
  vanishing_ratio  REAL,
  probed           INTEGER NOT NULL CHECK (probed IN (0, 1)),
  nan_mask         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, epoch)
) STRICT;

CREATE TABLE metrics (
  run_id  TEXT NOT NULL,
  epoch   INTEGER NOT NULL,
  task    TEXT NOT NULL,
  split   TEXT NOT NULL CHECK (split IN ('train', 'val')),
  name    TEXT NOT NULL,
  value   REAL,
  PRIMARY KEY (run_id, epoch, task, split, name),
  FOREIGN KEY (run_id, epoch) REFERENCES epochs (run_id, epoch) ON DELETE CASCADE
) STRICT;

CREATE TABLE layer_stats (
  run_id           TEXT NOT NULL,
  epoch            INTEGER NOT NULL,
  layer_index      INTEGER NOT NULL,
  layer            TEXT NOT NULL,
  kind             TEXT NOT NULL,
  trunk            INTEGER NOT NULL CHECK (trunk IN (0, 1)),
  params           INTEGER NOT NULL,
  grad_l2          REAL,
  grad_mean_abs    REAL,
  grad_std         REAL,
  grad_max_abs     REAL,
  grad_small_frac  REAL,
  dz_l2            REAL,
  dz_std           REAL,
  weight_l2        REAL,
  update_ratio     REAL,
  act_mean         REAL,
  act_std          REAL,
  act_saturation   REAL,
  hist_min         REAL,
  hist_max         REAL,
  hist_counts      BLOB NOT NULL,
  nan_mask         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, epoch, layer_index),
  FOREIGN KEY (run_id, epoch) REFERENCES epochs (run_id, epoch) ON DELETE CASCADE
) STRICT;

CREATE TABLE task_grads (
  run_id  TEXT NOT NULL,
  epoch   INTEGER NOT NULL,
  task    TEXT NOT NULL,
  norm    REAL,
  PRIMARY KEY (run_id, epoch, task),
  FOREIGN KEY (run_id, epoch) REFERENCES epochs (run_id, epoch) ON DELETE CASCADE
) STRICT;

CREATE TABLE task_cosines (
  run_id  TEXT NOT NULL,
  epoch   INTEGER NOT NULL,
  a       TEXT NOT NULL,
  b       TEXT NOT NULL,
  cosine  REAL,
  PRIMARY KEY (run_id, epoch, a, b),
  FOREIGN KEY (run_id, epoch) REFERENCES epochs (run_id, epoch) ON DELETE CASCADE
) STRICT;
