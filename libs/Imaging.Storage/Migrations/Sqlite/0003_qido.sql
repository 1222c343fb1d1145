-- QIDO-RS (DICOMweb search): indexes for the searches of IDicomWebQueries. Person names are matched on upper(), which
-- folds ASCII letters only; the expression must stay exactly the one QidoSqlDialect.Sqlite writes, or the index is unused.
CREATE INDEX qido_patients_name_fold ON patients (upper(patient_name));
CREATE INDEX qido_studies_accession ON studies (accession_number);
-- The order every study search pages in: newest first (SQLite puts NULLs last in DESC, as the queries ask).
CREATE INDEX qido_studies_order ON studies (study_date DESC, study_time DESC, study_instance_uid);
CREATE INDEX qido_instances_sop_class ON instances (sop_class_uid);
