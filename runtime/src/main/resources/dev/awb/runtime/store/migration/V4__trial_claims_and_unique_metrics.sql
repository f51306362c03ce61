-- Schema 4: exclusive trial claims with a lease (the Optuna RDB way), and one row per measurement.
-- Portable SQL: the same file runs on SQLite and PostgreSQL.

-- A claim is a random token set by one conditional UPDATE; its owner renews heartbeat_at and lease_expires
-- (milliseconds since the epoch) while it runs the trial. A running row whose lease expired is stale: its
-- owner is gone, and the next claim takes it over.
ALTER TABLE trials ADD COLUMN claim_token TEXT;
ALTER TABLE trials ADD COLUMN heartbeat_at BIGINT;
ALTER TABLE trials ADD COLUMN lease_expires BIGINT;
-- Running rows of older stores have no lease: their workers cannot renew one, so they count as stale.
UPDATE trials SET lease_expires = 0 WHERE status = 'running';

-- Older stores can hold a measurement twice (a trial trained by two workers at once): keep one of each, then
-- make a second one impossible. Final values (epoch NULL) are keyed as epoch -1.
CREATE TABLE metrics_v4 (
    study_id TEXT NOT NULL,
    trial_id TEXT NOT NULL,
    split TEXT NOT NULL,
    name TEXT NOT NULL,
    epoch INTEGER,
    value DOUBLE PRECISION
);
INSERT INTO metrics_v4 (study_id, trial_id, split, name, epoch, value)
    SELECT study_id, trial_id, split, name, epoch, MAX(value) FROM metrics
    GROUP BY study_id, trial_id, split, name, epoch;
DROP TABLE metrics;
ALTER TABLE metrics_v4 RENAME TO metrics;
CREATE UNIQUE INDEX metrics_key ON metrics (study_id, trial_id, split, name, COALESCE(epoch, -1));
