-- Who follows what: one row per person and target; written from the person's own requests and from the platform's
-- follow-started/ended events (coprogram-restricted.personal). account_id is Keycloak's id (the tokens' sub).
CREATE TABLE follow (
    account_id  text NOT NULL,
    target_type text NOT NULL CHECK (target_type IN ('PROPOSAL', 'MEETING', 'PLAN', 'THEME')),
    target_id   text NOT NULL,
    reason      text NOT NULL CHECK (reason IN ('AUTHOR', 'REGISTRANT', 'COMMENTER', 'MANUAL')),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, target_type, target_id)
);
-- The fan-out reads a target's followers in account order (keyset pages).
CREATE INDEX follow_target ON follow (target_type, target_id, account_id);

-- How a person wants to be told: IMMEDIATE (the default, when no row), DAILY_DIGEST or NONE (no e-mail at all).
CREATE TABLE notification_preference (
    account_id text PRIMARY KEY,
    mode       text NOT NULL CHECK (mode IN ('IMMEDIATE', 'DAILY_DIGEST', 'NONE')),
    updated_at timestamptz NOT NULL
);

-- The notification centre: one row per (source event or notificationKey, person), whatever the e-mail preference.
-- delivery is what the preference said when it was written: EMAIL (a mail_outbox row), DIGEST (the next digest) or NONE.
CREATE TABLE notification (
    id               uuid PRIMARY KEY,
    notification_key text NOT NULL,
    account_id       text NOT NULL,
    kind             text NOT NULL,
    subject_type     text NOT NULL,
    subject_id       text NOT NULL,
    title            text NOT NULL,
    url              text,
    plan_id          text,
    region           text,
    data             jsonb NOT NULL DEFAULT '{}',
    delivery         text NOT NULL CHECK (delivery IN ('EMAIL', 'DIGEST', 'NONE')),
    digest_day       date,
    created_at       timestamptz NOT NULL,
    read_at          timestamptz,
    UNIQUE (notification_key, account_id)
);
CREATE INDEX notification_account ON notification (account_id, created_at DESC, id);
CREATE INDEX notification_unread ON notification (account_id) WHERE read_at IS NULL;
-- The digest job's keyset over the people with something waiting.
CREATE INDEX notification_digest_pending ON notification (account_id) WHERE delivery = 'DIGEST' AND digest_day IS NULL;

-- The mail outbox: one row per (notification key or digest day, person, channel), never two, so a replayed event or
-- a second digest run sends nothing twice. PENDING rows are sent with retry and exponential back-off; a relay that
-- is down only delays them.
CREATE TABLE mail_outbox (
    id              uuid PRIMARY KEY,
    dedupe_key      text NOT NULL,
    account_id      text NOT NULL,
    channel         text NOT NULL CHECK (channel IN ('EMAIL', 'DIGEST')),
    notification_id uuid REFERENCES notification (id),
    digest_day      date,
    attachments     jsonb NOT NULL DEFAULT '[]',
    status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'SKIPPED')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    UNIQUE (dedupe_key, account_id, channel)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'PENDING';
