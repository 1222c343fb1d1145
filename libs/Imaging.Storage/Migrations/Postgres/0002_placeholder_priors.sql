-- Placeholder so this branch's migrations stay dense; replaced by the real 0002 at merge.
SELECT 1;
