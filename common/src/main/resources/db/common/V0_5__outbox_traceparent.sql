-- Distributed tracing (docs/operations.md, "Tracing"): the W3C traceparent of the request that wrote the event, so the
-- relay's span, the Kafka record (CloudEvents distributed-tracing extension) and each consumer's span join that
-- request's trace. Nullable and additive (expand only): code that does not know the column keeps working, and an
-- event written with tracing off simply starts no trace. Trace and span ids are random, not personal data.
ALTER TABLE outbox_event ADD COLUMN traceparent text;
