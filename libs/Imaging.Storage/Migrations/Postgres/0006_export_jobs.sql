-- Research exports run as background jobs of the API (issue 9): one row per job, so its state survives a restart.
-- The request (selection and profile, as accepted) is kept as JSON text: only the API reads it back.
CREATE TABLE export_jobs (
    id                text COLLATE "C" NOT NULL PRIMARY KEY,
    owner             text COLLATE "C" NOT NULL,
    node              text COLLATE "C" NOT NULL,
    state             text COLLATE "C" NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    request           text NOT NULL,
    total             integer NOT NULL DEFAULT 0,
    exported_count    integer NOT NULL DEFAULT 0,
    quarantined_count integer NOT NULL DEFAULT 0,
    failed_count      integer NOT NULL DEFAULT 0,
    bytes_written     bigint NOT NULL DEFAULT 0,
    patients          integer,
    studies           integer,
    output_path       text,
    output_bytes      bigint,
    output_sha256     text COLLATE "C",
    error             text,
    created_at        timestamptz NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz
);
CREATE INDEX export_jobs_owner ON export_jobs (owner, created_at);
CREATE INDEX export_jobs_node_state ON export_jobs (node, state);
CREATE INDEX export_jobs_finished ON export_jobs (finished_at) WHERE finished_at IS NOT NULL;
