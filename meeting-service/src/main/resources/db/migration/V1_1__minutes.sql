-- What a meeting produced: one set of minutes per meeting, draft then published (read-only).
CREATE TABLE minutes (
    meeting_id    uuid PRIMARY KEY REFERENCES meeting (id),
    summary       text NOT NULL,
    attendance    integer CHECK (attendance >= 0),
    contributions text NOT NULL,
    status        text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    updated_at    timestamptz NOT NULL,
    updated_by    text NOT NULL,
    published_at  timestamptz
);
