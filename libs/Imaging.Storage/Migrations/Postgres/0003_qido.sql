-- QIDO-RS (DICOMweb search): indexes for the searches of IDicomWebQueries. Person names are matched on an ASCII-only
-- fold in the "C" collation (the same letters SQLite's upper() folds); the expression must stay exactly the one
-- QidoSqlDialect.Postgres writes, or the index is unused.
CREATE INDEX qido_patients_name_fold ON patients ((translate(patient_name, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') COLLATE "C"));
CREATE INDEX qido_studies_accession ON studies (accession_number);
-- The order every study search pages in: newest first, studies without a date last.
CREATE INDEX qido_studies_order ON studies (study_date DESC NULLS LAST, study_time DESC NULLS LAST, study_instance_uid);
CREATE INDEX qido_instances_sop_class ON instances (sop_class_uid);
