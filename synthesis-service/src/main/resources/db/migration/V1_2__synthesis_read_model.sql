-- The synthesis read model: built only from events (coprogram.proposals, .surveys, .meetings and the social-report
-- events on coprogram.synthesis), so dropping these rows and replaying the topics rebuilds them exactly.

-- One row per thing someone said: a proposal, a survey response, a meeting contribution, an item of a social report.
CREATE TABLE contribution (
    id           uuid PRIMARY KEY,
    plan_id      uuid NOT NULL,
    source       text NOT NULL CHECK (source IN ('PROPOSAL', 'SURVEY', 'MEETING', 'SOCIAL_REPORT')),
    kind         text NOT NULL,
    parent_id    uuid,
    theme        text,
    category     text,
    municipality text,
    district     text,
    province     text,
    title        text,
    body         text NOT NULL DEFAULT '',
    supports     integer NOT NULL DEFAULT 0,
    status       text,
    hidden       boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL
);
CREATE INDEX contribution_plan_territory ON contribution (plan_id, province, district, municipality);
CREATE INDEX contribution_parent ON contribution (parent_id);

-- Who took part where: distinct (plan, pseudonym, municipality, category). Pseudonyms are prefixed with the
-- service that made them, because each service keys its own. '' stands for "not known" (a supporter's place).
CREATE TABLE participant_presence (
    plan_id      uuid NOT NULL,
    participant  text NOT NULL,
    municipality text NOT NULL DEFAULT '',
    district     text,
    province     text,
    category     text NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, participant, municipality, category)
);

CREATE TABLE survey_summary (
    survey_id      uuid PRIMARY KEY,
    plan_id        uuid NOT NULL,
    title          text NOT NULL,
    status         text NOT NULL,
    anonymous      boolean NOT NULL,
    text_questions text NOT NULL DEFAULT ''
);
CREATE INDEX survey_summary_plan ON survey_summary (plan_id);

CREATE TABLE meeting_summary (
    meeting_id   uuid PRIMARY KEY,
    plan_id      uuid NOT NULL,
    type         text NOT NULL,
    title        text NOT NULL,
    municipality text,
    district     text,
    province     text,
    status       text NOT NULL,
    starts_at    timestamptz,
    confirmed    integer NOT NULL DEFAULT 0
);
CREATE INDEX meeting_summary_plan ON meeting_summary (plan_id);

CREATE TABLE social_report_summary (
    report_id    uuid PRIMARY KEY,
    plan_id      uuid NOT NULL,
    district     text NOT NULL,
    province     text,
    status       text NOT NULL
);
CREATE INDEX social_report_summary_plan ON social_report_summary (plan_id);

-- Which events shaped which plan's read model, so one plan can be rebuilt from the topics on its own.
CREATE TABLE plan_event (
    event_id     uuid PRIMARY KEY,
    plan_id      uuid NOT NULL
);
CREATE INDEX plan_event_plan ON plan_event (plan_id);

-- Raised by every applied event: what the computed analyses (clusters, keywords) are keyed on.
CREATE TABLE read_model_version (
    plan_id      uuid PRIMARY KEY,
    version      bigint NOT NULL,
    updated_at   timestamptz NOT NULL
);
