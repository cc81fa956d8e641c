-- Traceability (issue #26, docs/plan-document.md "Traceability"): region staff link contributions to the plan's
-- measures with an outcome and a public reason. A link names its contribution by the id the synthesis read model
-- holds for it (a proposal's id, a meeting contribution's or a social-report item's derived id, a survey and one of
-- its questions). No foreign key to `contribution`: a rebuild or new minutes delete and re-insert those rows with the
-- same derived ids, and the link must outlive that.

-- The public id of a measure, as org.coprogram.contracts.MeasureIds.of(plan, code) computes it (an RFC 4122 name
-- based UUID, version 3: md5 of "coprogram-measure:<plan>:<code>" with the version and variant bits set), so a
-- measure is found by its id in the documents' JSON without a second id scheme.
CREATE FUNCTION measure_id(plan uuid, code text) RETURNS uuid LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT (substr(h, 1, 12) || '3' || substr(h, 14, 3)
            || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1) || substr(h, 18))::uuid
    FROM (SELECT md5('coprogram-measure:' || plan::text || ':' || code) AS h) d
$$;

CREATE SEQUENCE measure_link_revision;

CREATE TABLE measure_link (
    id              uuid PRIMARY KEY,
    plan_id         uuid NOT NULL REFERENCES plan (id),
    measure_id      uuid NOT NULL,
    measure_code    text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('PROPOSAL', 'SURVEY_QUESTION', 'MEETING_CONTRIBUTION',
                                                  'SOCIAL_REPORT_SECTION')),
    -- the contribution as the caller names it: a uuid, or "<surveyId>:<questionId>" for a survey question
    ref             text NOT NULL,
    -- the read model's row (null for a survey question, whose responses are its rows)
    contribution_id uuid,
    survey_id       uuid,
    question_id     text,
    -- set when the link was made for a whole synthesis cluster in one action
    cluster_id      text,
    cluster_label   text,
    outcome         text NOT NULL CHECK (outcome IN ('INCORPORATED', 'PARTIALLY_INCORPORATED', 'NOT_INCORPORATED')),
    reason          text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- bumped on every change: with the row count, what the uptake figures are kept by
    revision        bigint NOT NULL DEFAULT nextval('measure_link_revision'),
    UNIQUE (measure_id, ref)
);
CREATE INDEX measure_link_plan ON measure_link (plan_id, measure_code);
CREATE INDEX measure_link_contribution ON measure_link (contribution_id);
CREATE INDEX measure_link_survey ON measure_link (survey_id) WHERE survey_id IS NOT NULL;
