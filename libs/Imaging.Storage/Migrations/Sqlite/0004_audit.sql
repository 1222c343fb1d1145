-- Every access to patient data through the API and DICOMweb (see IAuditLog). Append-only.
CREATE TABLE audit_log (
    id INTEGER NOT NULL PRIMARY KEY,
    at INTEGER NOT NULL,                -- microseconds since 1970 UTC
    user_name TEXT,
    role TEXT,
    auth_method TEXT,
    remote_address TEXT,
    method TEXT NOT NULL,
    target TEXT NOT NULL,
    patient_id TEXT,
    study_instance_uid TEXT,
    series_instance_uid TEXT,
    sop_instance_uid TEXT,
    status_code INTEGER NOT NULL,
    duration_us INTEGER NOT NULL
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_patient ON audit_log (patient_id, at) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_log_user ON audit_log (user_name, at) WHERE user_name IS NOT NULL;
