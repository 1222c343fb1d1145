-- Placeholder so this branch's migrations stay dense; replaced by the real 0004 at merge.
SELECT 1;
