-- Index, series readiness, outbox and findings. Instants are INTEGER microseconds since 1970 UTC; durations INTEGER
-- microseconds. Natural keys (UIDs) throughout: every row of an instance can be written without reading a generated id.

CREATE TABLE patients (
    patient_id   TEXT NOT NULL PRIMARY KEY,
    patient_name TEXT,
    birth_date   TEXT,
    sex          TEXT
) STRICT;

CREATE TABLE studies (
    study_instance_uid TEXT NOT NULL PRIMARY KEY,
    patient_id         TEXT NOT NULL REFERENCES patients (patient_id),
    study_date         TEXT,
    study_time         TEXT,
    study_description  TEXT,
    accession_number   TEXT,
    study_id           TEXT
) STRICT;
CREATE INDEX studies_patient ON studies (patient_id);
CREATE INDEX studies_date ON studies (study_date);

-- quiet_deadline is a lower bound while pending: it is set when the series (re)opens and moved forward only when the
-- assembler finds it due (from the newest received_at of its instances), so an instance never has to update this row.
CREATE TABLE series (
    series_instance_uid TEXT NOT NULL PRIMARY KEY,
    study_instance_uid  TEXT NOT NULL REFERENCES studies (study_instance_uid),
    modality            TEXT NOT NULL,
    series_number       INTEGER,
    series_description  TEXT,
    body_part_examined  TEXT,
    state               TEXT NOT NULL CHECK (state IN ('pending', 'ready')),
    quiet_deadline      INTEGER,
    quiet_timeout       INTEGER NOT NULL,
    ready_version       INTEGER NOT NULL DEFAULT 0,
    ready_at            INTEGER
) STRICT;
CREATE INDEX series_study ON series (study_instance_uid);
CREATE INDEX series_modality ON series (modality, study_instance_uid);
CREATE INDEX series_pending ON series (quiet_deadline) WHERE state = 'pending';

CREATE TABLE instances (
    sop_instance_uid    TEXT NOT NULL PRIMARY KEY,
    series_instance_uid TEXT NOT NULL REFERENCES series (series_instance_uid),
    sop_class_uid       TEXT NOT NULL,
    instance_number     INTEGER,
    transfer_syntax_uid TEXT NOT NULL,
    blob_key            TEXT NOT NULL,
    size_bytes          INTEGER NOT NULL,
    calling_ae_title    TEXT NOT NULL,
    received_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX instances_series ON instances (series_instance_uid, received_at);

-- AUTOINCREMENT: ids are never reused after published rows are deleted, so id order stays creation order.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    message_type TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    leased_until INTEGER
) STRICT;

CREATE TABLE findings (
    series_instance_uid TEXT NOT NULL,
    analyzer            TEXT NOT NULL,
    analyzer_version    TEXT NOT NULL,
    study_instance_uid  TEXT NOT NULL,
    ready_version       INTEGER NOT NULL,
    payload             TEXT NOT NULL CHECK (json_valid(payload)),
    produced_at         INTEGER NOT NULL,
    PRIMARY KEY (series_instance_uid, analyzer, analyzer_version)
) STRICT;
