-- Transactional outbox: an event row is written in the same transaction as the change it describes,
-- then relayed to Kafka by OutboxRelay (at least once, in seq order).
CREATE TABLE outbox_event (
    id           uuid PRIMARY KEY,
    seq          bigserial NOT NULL UNIQUE,
    topic        text NOT NULL,
    type         text NOT NULL,
    subject      text NOT NULL,
    plan_id      text,
    payload      text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    published_at timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Idempotent consumers: an event id is recorded in the same transaction as its effect.
CREATE TABLE processed_event (
    consumer     text NOT NULL,
    event_id     uuid NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Who changed what: one row per accepted write.
CREATE TABLE audit_entry (
    id           uuid PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    actor        text NOT NULL,
    action       text NOT NULL,
    target_type  text NOT NULL,
    target_id    text NOT NULL,
    details      text
);
CREATE INDEX audit_entry_target ON audit_entry (target_type, target_id);
