-- PLACEHOLDER ONLY in the qido branch so that 0003 loads (versions must be dense). The lead drops this file at merge:
-- the real 0002 is the webapi helper's.
SELECT 1;
