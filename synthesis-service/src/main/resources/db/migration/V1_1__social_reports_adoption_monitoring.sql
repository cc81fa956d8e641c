-- One social report (Relazione Sociale) per district per plan.
CREATE TABLE social_report (
    id            uuid PRIMARY KEY,
    plan_id       uuid NOT NULL REFERENCES plan (id),
    district_code text NOT NULL,
    status        text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED')),
    content       text NOT NULL,
    published     boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    updated_by    text NOT NULL,
    submitted_at  timestamptz,
    version       integer NOT NULL DEFAULT 0,
    UNIQUE (plan_id, district_code)
);

-- Formal adoption by the Giunta Regionale (DGR).
ALTER TABLE plan ADD COLUMN adoption_resolution text;
ALTER TABLE plan ADD COLUMN adoption_date date;
ALTER TABLE plan ADD COLUMN adoption_url text;
ALTER TABLE plan ADD COLUMN timeline text NOT NULL DEFAULT '[]';

-- Monitoring indicators and their measured values per district and period.
CREATE TABLE indicator (
    id         uuid PRIMARY KEY,
    plan_id    uuid NOT NULL REFERENCES plan (id),
    name       text NOT NULL,
    theme      text,
    unit       text NOT NULL,
    baseline   numeric NOT NULL,
    target     numeric NOT NULL CHECK (target <> baseline),
    direction  text NOT NULL CHECK (direction IN ('INCREASE', 'DECREASE')),
    created_at timestamptz NOT NULL,
    created_by text NOT NULL
);
CREATE INDEX indicator_plan ON indicator (plan_id);

CREATE TABLE measurement (
    id            uuid PRIMARY KEY,
    indicator_id  uuid NOT NULL REFERENCES indicator (id),
    district_code text NOT NULL,
    period        text NOT NULL,
    value         numeric NOT NULL,
    entered_at    timestamptz NOT NULL,
    entered_by    text NOT NULL,
    UNIQUE (indicator_id, district_code, period)
);
