-- 0003: scale-free layer statistics and the per-epoch gradient-health summary.
--
-- New layer_stats columns (nan_mask bits in src/domain/layer-stats.ts): grad_rms, dz_rms,
-- grad_zero_frac, grad_log10_p05/p50/p95, update_ratio_epoch, update_rms. Runs stored before
-- this migration keep NULL in all of them except grad_rms, which is exactly ‖dL/dW‖/√params of
-- what they stored. dz_rms needs the element count of z on the probe batch, which was not
-- stored, so it stays NULL (and so do the dz-based health fields of those runs).
ALTER TABLE layer_stats ADD COLUMN grad_rms REAL;
ALTER TABLE layer_stats ADD COLUMN dz_rms REAL;
ALTER TABLE layer_stats ADD COLUMN grad_zero_frac REAL;
ALTER TABLE layer_stats ADD COLUMN grad_log10_p05 REAL;
ALTER TABLE layer_stats ADD COLUMN grad_log10_p50 REAL;
ALTER TABLE layer_stats ADD COLUMN grad_log10_p95 REAL;
ALTER TABLE layer_stats ADD COLUMN update_ratio_epoch REAL;
ALTER TABLE layer_stats ADD COLUMN update_rms REAL;
-- a NULL grad_l2 was a NaN (non-nullable statistic), and stays one in grad_rms
UPDATE layer_stats SET grad_rms = grad_l2 / sqrt(params) WHERE params > 0;

-- EpochRecord.health as JSON (src/domain/health.ts; NaN/±Infinity as strings, like weights_json).
-- NULL for epochs stored before this migration: the reader computes it from their layer rows.
ALTER TABLE epochs ADD COLUMN health_json TEXT;
-- the newest epoch's health, for the run list (History) without reading epoch tables
ALTER TABLE runs ADD COLUMN last_health_json TEXT;
