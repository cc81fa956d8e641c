CREATE TABLE plan (
    id           uuid PRIMARY KEY,
    region       text NOT NULL CHECK (region IN ('puglia', 'abruzzo')),
    title        text NOT NULL,
    period_start date NOT NULL,
    period_end   date NOT NULL,
    phase        text NOT NULL,
    themes       text NOT NULL,
    leps         text NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      integer NOT NULL DEFAULT 0,
    CHECK (period_end > period_start)
);
CREATE INDEX plan_region ON plan (region);
