-- 0005: partial epochs. A diverged run stores the epoch it stopped in, marked partial, with where it
-- diverged (EpochRecord.partial and .divergence, src/domain/records.ts). Every older epoch was a
-- full one: partial = 0 and the divergence columns NULL.
ALTER TABLE epochs ADD COLUMN partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1));
-- 1-based batch whose loss was non-finite; batches before it finished
ALTER TABLE epochs ADD COLUMN diverged_batch INTEGER CHECK (diverged_batch >= 1);
-- batches in a full epoch of the run
ALTER TABLE epochs ADD COLUMN batches INTEGER CHECK (batches >= 1);
-- that batch's combined loss: ±Infinity as stored, NaN as NULL (never null on a partial epoch)
ALTER TABLE epochs ADD COLUMN diverged_loss REAL;
