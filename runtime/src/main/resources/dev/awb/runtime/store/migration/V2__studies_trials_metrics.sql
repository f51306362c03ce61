-- Schema 2: studies, their trials keyed by configuration hash, and every measurement.
-- Portable SQL: the same file runs on SQLite and PostgreSQL.
CREATE TABLE studies (
    id TEXT PRIMARY KEY,
    experiment TEXT NOT NULL,
    file TEXT NOT NULL,
    dir TEXT NOT NULL,
    spec TEXT NOT NULL,
    revision TEXT NOT NULL,
    awb_version TEXT NOT NULL,
    created TEXT NOT NULL
);

CREATE TABLE trials (
    study_id TEXT NOT NULL REFERENCES studies(id),
    id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    seed BIGINT NOT NULL,
    labels TEXT NOT NULL,
    config TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    attempts INTEGER NOT NULL,
    worker TEXT,
    started TEXT,
    finished TEXT,
    PRIMARY KEY (study_id, id)
);

CREATE TABLE metrics (
    study_id TEXT NOT NULL,
    trial_id TEXT NOT NULL,
    split TEXT NOT NULL,
    name TEXT NOT NULL,
    epoch INTEGER,
    value DOUBLE PRECISION
);

CREATE INDEX metrics_by_trial ON metrics (study_id, trial_id);
