-- Tombstones of erased accounts (docs/privacy.md, "Cancellazione (art. 17)"): a personal event made before
-- notification-service forgot a person (already on the personal topic, or relayed by another service before that one
-- processed the erasure) must not bring back a follow or a notification. Keyed by a keyed hash of the account
-- (HMAC under this service's key, never the account itself), with the instant up to which the person's events are
-- dropped; later events (the person taking part again with the same login) are applied. A tombstone outlives the
-- personal topic's retention (14 days) by a day, then the next erasure removes it.
CREATE TABLE erased_account (
    account_key  text PRIMARY KEY,
    erased_until timestamptz NOT NULL
);
CREATE INDEX erased_account_until ON erased_account (erased_until);
