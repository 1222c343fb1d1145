-- Priors from a PACS: which arriving studies have had their patient's priors looked up, and which prior studies are being
-- or have been retrieved. Rows are work items with a lease (several gateways), attempts and a next attempt (backoff).

-- One row per arriving study whose patient's priors are looked up (the first SeriesReady of the study inserts it).
CREATE TABLE prior_queries (
    study_instance_uid text COLLATE "C" NOT NULL PRIMARY KEY,
    patient_id         text COLLATE "C" NOT NULL,
    study_date         text COLLATE "C",
    state              text COLLATE "C" NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts           integer NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    leased_until       timestamptz,
    last_error         text,
    created_at         timestamptz NOT NULL,
    completed_at       timestamptz
);
CREATE INDEX prior_queries_due ON prior_queries (next_attempt_at) WHERE state = 'pending';

-- One row per prior study asked of a source: a study is fetched from one source, once.
CREATE TABLE prior_fetches (
    study_instance_uid text COLLATE "C" NOT NULL PRIMARY KEY,
    patient_id         text COLLATE "C" NOT NULL,
    source             text NOT NULL,
    study_date         text COLLATE "C",
    expected_instances integer,
    state              text COLLATE "C" NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts           integer NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    leased_until       timestamptz,
    last_error         text,
    created_at         timestamptz NOT NULL,
    completed_at       timestamptz
);
CREATE INDEX prior_fetches_patient ON prior_fetches (patient_id);
CREATE INDEX prior_fetches_due ON prior_fetches (next_attempt_at) WHERE state = 'pending';
