-- Idempotent creates (common/idempotency): what a create answered to an Idempotency-Key, so that a retry gets the
-- first answer instead of a second record. Written in the create's own transaction; the primary key makes a
-- concurrent duplicate wait for the first and then find its row. Kept for coprogram.idempotency.retention (7 days).
CREATE TABLE idempotency_key (
    caller          text        NOT NULL, -- the caller's pseudonym (keyed hash of the account), never the account id
    operation       text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    status          int,
    location        text,
    resource_id     text,
    body            text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, operation, idempotency_key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
