-- Every access to patient data through the API and DICOMweb (see IAuditLog). Append-only.
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    user_name text,
    role text,
    auth_method text,
    remote_address text,
    method text NOT NULL,
    target text NOT NULL,
    patient_id text,
    study_instance_uid text,
    series_instance_uid text,
    sop_instance_uid text,
    status_code integer NOT NULL,
    duration_us bigint NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_patient ON audit_log (patient_id, at) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_log_user ON audit_log (user_name, at) WHERE user_name IS NOT NULL;
