-- plan_view (the local view of plans) is common's db/planview/V0_4__plan_view.sql.

CREATE TABLE meeting (
    id                     uuid PRIMARY KEY,
    plan_id                uuid NOT NULL REFERENCES plan_view (id),
    type                   text NOT NULL,
    title                  text NOT NULL,
    description            text NOT NULL,
    themes                 text NOT NULL,
    district               text,
    municipality           char(6) NOT NULL,
    province               text NOT NULL,
    address                text,
    online_url             text,
    accessibility_notes    text,
    starts_at              timestamptz NOT NULL,
    ends_at                timestamptz NOT NULL,
    capacity               integer NOT NULL CHECK (capacity > 0),
    registration_closes_at timestamptz NOT NULL,
    status                 text NOT NULL,
    confirmed              integer NOT NULL DEFAULT 0,
    last_waitlist_seq      integer NOT NULL DEFAULT 0,
    organizer_id           text NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    version                integer NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at),
    CHECK (confirmed >= 0 AND confirmed <= capacity)
);
CREATE INDEX meeting_plan_starts ON meeting (plan_id, starts_at, id);

-- One active registration per person per meeting: enforced by the database, not by a check in memory.
CREATE TABLE registration (
    id            uuid PRIMARY KEY,
    meeting_id    uuid NOT NULL REFERENCES meeting (id),
    person_id     text NOT NULL,
    pseudonym     text NOT NULL,
    category      text NOT NULL,
    status        text NOT NULL CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED')),
    waitlist_seq  integer,
    code          text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    checked_in_at timestamptz
);
CREATE UNIQUE INDEX registration_one_active ON registration (meeting_id, person_id) WHERE status <> 'CANCELLED';
CREATE INDEX registration_waitlist ON registration (meeting_id, waitlist_seq) WHERE status = 'WAITLISTED';
