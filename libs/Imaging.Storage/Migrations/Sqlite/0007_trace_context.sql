-- W3C trace context (traceparent, 55 characters) kept with the rows that carry one instance's work across processes,
-- so the trace continues after a restart: the instance's ingest span, the outbox row's span (the relay continues it),
-- and for a SeriesReady row the traceparents of the series' newest instances (the relay links to them: a series has
-- many parents, not one). Findings keep the span that wrote them, for a later API read to link to.
ALTER TABLE instances ADD COLUMN traceparent TEXT;
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
ALTER TABLE outbox ADD COLUMN trace_links TEXT;
ALTER TABLE findings ADD COLUMN traceparent TEXT;
