-- The workspace's patient search: an upper-cased name, a virtual column so every row has it without any writer
-- setting it, indexed with the ID so a name-ordered page is read in index order and a PN pattern with a literal
-- prefix (GLOB 'DOE*') seeks. upper() folds ASCII only in SQLite; non-ASCII names match case-sensitively.
ALTER TABLE patients ADD COLUMN name_key TEXT GENERATED ALWAYS AS (upper(patient_name)) VIRTUAL;
CREATE INDEX patients_name_key ON patients (name_key, patient_id);

-- Finding searches filter on the analyzer first, then read the JSON of those rows only.
CREATE INDEX findings_analyzer ON findings (analyzer, study_instance_uid);
