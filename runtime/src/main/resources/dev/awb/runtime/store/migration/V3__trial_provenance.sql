-- Provenance per trial (JSON): plugin bundles with jar hashes, code revision, seed, ND4J backend and native
-- variant, JVM, OS, CPU and GPUs of the worker's last attempt.
ALTER TABLE trials ADD COLUMN provenance TEXT;

-- The hand-written schema marker of stores made before Flyway; flyway_schema_history replaces it.
DROP TABLE IF EXISTS schema_version;
