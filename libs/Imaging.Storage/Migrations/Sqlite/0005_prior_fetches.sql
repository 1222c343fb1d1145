-- Priors from a PACS: which arriving studies have had their patient's priors looked up, and which prior studies are being
-- or have been retrieved. Rows are work items with a lease (several gateways), attempts and a next attempt (backoff).

-- One row per arriving study whose patient's priors are looked up (the first SeriesReady of the study inserts it).
CREATE TABLE prior_queries (
    study_instance_uid TEXT NOT NULL PRIMARY KEY,
    patient_id         TEXT NOT NULL,
    study_date         TEXT,
    state              TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    INTEGER NOT NULL,
    leased_until       INTEGER,
    last_error         TEXT,
    created_at         INTEGER NOT NULL,
    completed_at       INTEGER
) STRICT;
CREATE INDEX prior_queries_due ON prior_queries (next_attempt_at) WHERE state = 'pending';

-- One row per prior study asked of a source: a study is fetched from one source, once.
CREATE TABLE prior_fetches (
    study_instance_uid TEXT NOT NULL PRIMARY KEY,
    patient_id         TEXT NOT NULL,
    source             TEXT NOT NULL,
    study_date         TEXT,
    expected_instances INTEGER,
    state              TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    INTEGER NOT NULL,
    leased_until       INTEGER,
    last_error         TEXT,
    created_at         INTEGER NOT NULL,
    completed_at       INTEGER
) STRICT;
CREATE INDEX prior_fetches_patient ON prior_fetches (patient_id);
CREATE INDEX prior_fetches_due ON prior_fetches (next_attempt_at) WHERE state = 'pending';
