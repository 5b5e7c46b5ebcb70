-- Which process owns a queued or running run, as "<host>:<pid>". Opening the database marks
-- `interrupted` only the runs whose owner is gone, so a second process (the web workbench
-- opened while the CLI trains a sweep) no longer breaks the first one's runs.
ALTER TABLE runs ADD COLUMN owner TEXT;
