-- Index, series readiness, outbox and findings. UIDs and codes use the "C" collation: byte order, the same as SQLite,
-- whatever locale the cluster was created with. Natural keys (UIDs) throughout: every row of an instance can be written
-- without reading a generated id, in one round trip.

CREATE TABLE patients (
    patient_id   text COLLATE "C" NOT NULL PRIMARY KEY,
    patient_name text,
    birth_date   text COLLATE "C",
    sex          text COLLATE "C"
);

CREATE TABLE studies (
    study_instance_uid text COLLATE "C" NOT NULL PRIMARY KEY,
    patient_id         text COLLATE "C" NOT NULL REFERENCES patients (patient_id),
    study_date         text COLLATE "C",
    study_time         text COLLATE "C",
    study_description  text,
    accession_number   text COLLATE "C",
    study_id           text COLLATE "C"
);
CREATE INDEX studies_patient ON studies (patient_id);
CREATE INDEX studies_date ON studies (study_date);

-- quiet_deadline is a lower bound while pending: it is set when the series (re)opens and moved forward only when the
-- assembler finds it due (from the newest received_at of its instances). Instances of one series therefore never
-- update (and lock) this row, so concurrent associations sending the same series commit in parallel.
CREATE TABLE series (
    series_instance_uid text COLLATE "C" NOT NULL PRIMARY KEY,
    study_instance_uid  text COLLATE "C" NOT NULL REFERENCES studies (study_instance_uid),
    modality            text COLLATE "C" NOT NULL,
    series_number       integer,
    series_description  text,
    body_part_examined  text COLLATE "C",
    state               text COLLATE "C" NOT NULL CHECK (state IN ('pending', 'ready')),
    quiet_deadline      timestamptz,
    quiet_timeout       interval NOT NULL,
    ready_version       integer NOT NULL DEFAULT 0,
    ready_at            timestamptz
);
CREATE INDEX series_study ON series (study_instance_uid);
CREATE INDEX series_modality ON series (modality, study_instance_uid);
CREATE INDEX series_pending ON series (quiet_deadline) WHERE state = 'pending';

CREATE TABLE instances (
    sop_instance_uid    text COLLATE "C" NOT NULL PRIMARY KEY,
    series_instance_uid text COLLATE "C" NOT NULL REFERENCES series (series_instance_uid),
    sop_class_uid       text COLLATE "C" NOT NULL,
    instance_number     integer,
    transfer_syntax_uid text COLLATE "C" NOT NULL,
    blob_key            text COLLATE "C" NOT NULL,
    size_bytes          bigint NOT NULL,
    calling_ae_title    text NOT NULL,
    received_at         timestamptz NOT NULL
);
CREATE INDEX instances_series ON instances (series_instance_uid, received_at);

CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_type text COLLATE "C" NOT NULL,
    payload      text NOT NULL,
    created_at   timestamptz NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    leased_until timestamptz
);

-- jsonb: findings are queried by content later (lesion counts, fractured levels); it also rejects malformed JSON.
CREATE TABLE findings (
    series_instance_uid text COLLATE "C" NOT NULL,
    analyzer            text COLLATE "C" NOT NULL,
    analyzer_version    text COLLATE "C" NOT NULL,
    study_instance_uid  text COLLATE "C" NOT NULL,
    ready_version       integer NOT NULL,
    payload             jsonb NOT NULL,
    produced_at         timestamptz NOT NULL,
    PRIMARY KEY (series_instance_uid, analyzer, analyzer_version)
);
