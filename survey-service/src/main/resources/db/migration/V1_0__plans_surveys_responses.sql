-- plan_view (the local view of plans) is common's db/planview/V0_4__plan_view.sql.

CREATE TABLE survey (
    id           uuid PRIMARY KEY,
    plan_id      uuid NOT NULL REFERENCES plan_view (id),
    title        text NOT NULL,
    description  text NOT NULL,
    anonymous    boolean NOT NULL,
    questions    text NOT NULL,
    status       text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'CLOSED')),
    version      integer NOT NULL,
    closes_at    timestamptz,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    published_at timestamptz,
    closed_at    timestamptz
);
CREATE INDEX survey_plan ON survey (plan_id, created_at, id);
CREATE INDEX survey_due ON survey (closes_at) WHERE status = 'PUBLISHED';

-- A published survey's definition never changes under its responses: the database refuses it, whatever the code does.
CREATE FUNCTION survey_freeze_published() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'DRAFT' AND (NEW.questions IS DISTINCT FROM OLD.questions
            OR NEW.anonymous IS DISTINCT FROM OLD.anonymous OR NEW.version IS DISTINCT FROM OLD.version
            OR NEW.status = 'DRAFT') THEN
        RAISE EXCEPTION 'survey % is published: its definition is frozen', OLD.id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER survey_frozen BEFORE UPDATE ON survey FOR EACH ROW EXECUTE FUNCTION survey_freeze_published();

-- One row per person who answered a survey: the key is HMAC(service key, survey id + account id), so the account is
-- never stored. response_id links the person to the answers only in named surveys; in anonymous ones it stays NULL
-- and the row holds no time, so nothing joins a person to their answers.
CREATE TABLE respondent (
    survey_id        uuid NOT NULL REFERENCES survey (id),
    respondent_key   text NOT NULL,
    idempotency_key  text,
    request_hash     text NOT NULL,
    response_id      uuid,
    PRIMARY KEY (survey_id, respondent_key)
);

CREATE TABLE response (
    id             uuid PRIMARY KEY,
    survey_id      uuid NOT NULL REFERENCES survey (id),
    survey_version integer NOT NULL,
    pseudonym      text NOT NULL,
    answers        jsonb NOT NULL,
    tallies        text[] NOT NULL,
    municipality   char(6),
    district       text,
    province       text,
    category       text NOT NULL,
    submitted_at   timestamptz NOT NULL
);
CREATE INDEX response_survey ON response (survey_id, submitted_at, id);
