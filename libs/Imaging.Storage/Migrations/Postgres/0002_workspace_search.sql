-- The workspace's patient search: an upper-cased name kept by the database itself (no writer sets it), "C" collation
-- so ordering matches SQLite's byte order and LIKE 'DOE%' can seek the index; indexed with the ID so a name-ordered
-- page is read in index order.
ALTER TABLE patients ADD COLUMN name_key text COLLATE "C" GENERATED ALWAYS AS (upper(patient_name)) STORED;
CREATE INDEX patients_name_key ON patients (name_key, patient_id);

-- Finding searches filter on the analyzer first; flagged levels are matched by containment (@>) on the jsonb array.
CREATE INDEX findings_analyzer ON findings (analyzer, study_instance_uid);
CREATE INDEX findings_flagged_levels ON findings USING gin ((payload -> 'flaggedLevels') jsonb_path_ops);
