-- Research exports run as background jobs of the API (issue 9): one row per job, so its state survives a restart.
-- The request (selection and profile, as accepted) is kept as JSON: only the API reads it back.
CREATE TABLE export_jobs (
    id                TEXT NOT NULL PRIMARY KEY,
    owner             TEXT NOT NULL,
    node              TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    request           TEXT NOT NULL,
    total             INTEGER NOT NULL DEFAULT 0,
    exported_count    INTEGER NOT NULL DEFAULT 0,
    quarantined_count INTEGER NOT NULL DEFAULT 0,
    failed_count      INTEGER NOT NULL DEFAULT 0,
    bytes_written     INTEGER NOT NULL DEFAULT 0,
    patients          INTEGER,
    studies           INTEGER,
    output_path       TEXT,
    output_bytes      INTEGER,
    output_sha256     TEXT,
    error             TEXT,
    created_at        INTEGER NOT NULL,
    started_at        INTEGER,
    finished_at       INTEGER
) STRICT;
CREATE INDEX export_jobs_owner ON export_jobs (owner, created_at);
CREATE INDEX export_jobs_node_state ON export_jobs (node, state);
CREATE INDEX export_jobs_finished ON export_jobs (finished_at) WHERE finished_at IS NOT NULL;
