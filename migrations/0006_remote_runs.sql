-- 0006: runs trained by remote workers over a Redis queue.
--
-- attempts: how many times a worker started the run (a retry after a worker died restarts it
-- from epoch 1 and replaces the earlier partial epochs); 0 for a run never started remotely.
-- machine: the worker's label (host name unless --name), so History and Live show where it trained;
-- the backend stays in backend_json as for local runs.
-- remote: 1 when the run was submitted to a remote queue. Opening the database must not mark such a
-- run interrupted when the process that submitted it is gone: a worker elsewhere still trains it.
-- remote_key: the run's place in a submitted sweep (a hash of the database, the experiment and the
-- run's spec); resubmitting the same sweep finds its runs again instead of training them twice.
ALTER TABLE runs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE runs ADD COLUMN machine TEXT;
ALTER TABLE runs ADD COLUMN remote INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1));
ALTER TABLE runs ADD COLUMN remote_key TEXT;
CREATE UNIQUE INDEX idx_runs_remote_key ON runs (remote_key) WHERE remote_key IS NOT NULL;
ALTER TABLE experiments ADD COLUMN remote_key TEXT;
CREATE UNIQUE INDEX idx_experiments_remote_key ON experiments (remote_key) WHERE remote_key IS NOT NULL;

-- One row per database: its id names the database's queue and result stream on a Redis server, so
-- two workbench databases never share a queue (and a copied file keeps its queue).
CREATE TABLE workbench_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
INSERT INTO workbench_meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));
