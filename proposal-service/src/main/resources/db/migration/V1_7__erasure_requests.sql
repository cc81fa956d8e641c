-- Erasure requests (GDPR art. 17; docs/privacy.md, "Cancellazione (art. 17)"). The person is found by a keyed hash of
-- the account (account_key), never the account id itself, so the request outlives the erasure without naming them.
CREATE TABLE erasure_request (
    id            uuid PRIMARY KEY,
    account_key   text NOT NULL,
    contributions text NOT NULL CHECK (contributions IN ('PSEUDONYMOUS', 'WITHDRAW')),
    status        text NOT NULL CHECK (status IN ('PENDING', 'COMPLETED')),
    requested_at  timestamptz NOT NULL,
    completed_at  timestamptz
);
-- One pending request per person: a second POST while one is pending answers the same request.
CREATE UNIQUE INDEX erasure_request_one_pending ON erasure_request (account_key) WHERE status = 'PENDING';
CREATE INDEX erasure_request_latest ON erasure_request (account_key, requested_at DESC, id);

-- Which service has forgotten the account (person.erasure-completed.v1).
CREATE TABLE erasure_service (
    erasure_id   uuid NOT NULL REFERENCES erasure_request (id),
    service      text NOT NULL,
    completed_at timestamptz,
    PRIMARY KEY (erasure_id, service)
);
