-- Placeholder so this branch's migrations stay dense; replaced by the real 0003 at merge.
SELECT 1;
