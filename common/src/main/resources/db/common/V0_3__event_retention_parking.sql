-- Retention (org.coprogram.common.retention.EventRetention) deletes published outbox rows and processed event ids
-- past their horizons, a bounded batch per statement; these indexes let each batch find its oldest rows without
-- scanning the table.
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);

-- Poison events (org.coprogram.common.inbox.ParkedEvents): a record whose handler failed deterministically
-- coprogram.inbox.max-attempts times is kept here with its error, and acknowledged, so its partition moves on.
-- What it holds is enough to rebuild the event and apply it again through the same handler once an operator asks
-- (replay_requested_at, set by scripts/parked-events); replayed_at marks it done.
CREATE TABLE parked_event (
    id                  bigserial PRIMARY KEY,
    consumer            text NOT NULL,
    channel             text NOT NULL,
    event_id            uuid NOT NULL,
    topic               text NOT NULL,
    kafka_partition     integer NOT NULL,
    kafka_offset        bigint NOT NULL,
    type                text NOT NULL,
    source              text,
    subject             text,
    plan_id             text,
    event_time          timestamptz,
    payload             text NOT NULL,
    error_class         text NOT NULL,
    error_message       text,
    attempts            integer NOT NULL,
    parked_at           timestamptz NOT NULL,
    replay_requested_at timestamptz,
    replayed_at         timestamptz,
    replay_error        text,
    UNIQUE (consumer, event_id)
);
CREATE INDEX parked_event_pending ON parked_event (parked_at) WHERE replayed_at IS NULL;
