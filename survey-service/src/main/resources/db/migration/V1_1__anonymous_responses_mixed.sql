-- Anonymous means unlinkable (#24). An anonymous response no longer enters `response` in the transaction that writes
-- its ledger row: it waits in pending_response, which the mixer (ResponseMixer) empties in shuffled batches, each in a
-- transaction of its own. The pending row holds no time and no id that appears anywhere later.
CREATE TABLE pending_response (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    survey_id      uuid NOT NULL REFERENCES survey (id),
    survey_version integer NOT NULL,
    answers        jsonb NOT NULL,
    tallies        text[] NOT NULL,
    municipality   char(6),
    district       text,
    province       text,
    category       text NOT NULL
);
CREATE INDEX pending_response_survey ON pending_response (survey_id);

-- Any deterministic function of the answers is matchable by whoever holds the key, so the ledger of an anonymous
-- survey keeps no content hash: a repeated Idempotency-Key can no longer be told apart from one with other answers.
ALTER TABLE respondent ALTER COLUMN request_hash DROP NOT NULL;
UPDATE respondent r SET request_hash = NULL FROM survey s WHERE s.id = r.survey_id AND s.anonymous;

-- Anonymous responses recorded before this version share their transaction id (xmin) with their ledger row and lie in
-- the same physical order. Rewrite them, in random order and to the hour, in this migration's transaction. Their ids
-- stay: they were already published in events. The old row versions remain on disk until VACUUM
-- (docs/privacy.md).
CREATE TEMPORARY TABLE anonymous_response ON COMMIT DROP AS
    SELECT r.* FROM response r JOIN survey s ON s.id = r.survey_id WHERE s.anonymous;
DELETE FROM response r USING survey s WHERE s.id = r.survey_id AND s.anonymous;
INSERT INTO response (id, survey_id, survey_version, pseudonym, answers, tallies, municipality, district, province,
                      category, submitted_at)
    SELECT id, survey_id, survey_version, pseudonym, answers, tallies, municipality, district, province, category,
           date_trunc('hour', submitted_at)
    FROM anonymous_response ORDER BY random();

-- Responses travel on coprogram.survey-responses, which only synthesis-service reads: on the partner-visible
-- coprogram.surveys each was per-person microdata (answers and profile) past the disclosure control of the results
-- (docs/privacy.md). Events not yet relayed go there too, not to the topic their rows were written with.
UPDATE outbox_event SET topic = 'coprogram.survey-responses'
    WHERE type = 'org.coprogram.survey.response-submitted.v1' AND topic = 'coprogram.surveys' AND published_at IS NULL;

-- Outbox rows of anonymous responses recorded before this version lie in submission order, with full-precision
-- times and the response ids: whoever holds the database could line them up with the ledger and link a person to an
-- answer. Those already relayed (published_at set) go: their content is in `response` and they were on Kafka. Those
-- not yet relayed must still reach Kafka, so they stay (until a later version purges relayed rows); they lose their
-- free-text answers, which an anonymous response's event no longer carries (ResponseMixer).
DELETE FROM outbox_event o USING survey s
    WHERE o.type = 'org.coprogram.survey.response-submitted.v1' AND o.published_at IS NOT NULL
      AND o.subject = s.id::text AND s.anonymous;
UPDATE outbox_event o
    SET payload = jsonb_set(o.payload::jsonb, '{answers}', (o.payload::jsonb -> 'answers') - ARRAY(
            SELECT q ->> 'id' FROM jsonb_array_elements(s.questions::jsonb) q
            WHERE q ->> 'type' IN ('SHORT_TEXT', 'LONG_TEXT')))::text
    FROM survey s
    WHERE o.type = 'org.coprogram.survey.response-submitted.v1' AND o.published_at IS NULL
      AND o.subject = s.id::text AND s.anonymous AND jsonb_typeof(o.payload::jsonb -> 'answers') = 'object';

-- The ledger of an anonymous survey was written in submission order too: rewrite it in random physical order (the
-- old row versions, like those of `response` above, remain on disk until VACUUM).
CREATE TEMPORARY TABLE anonymous_respondent ON COMMIT DROP AS
    SELECT p.* FROM respondent p JOIN survey s ON s.id = p.survey_id WHERE s.anonymous;
DELETE FROM respondent p USING survey s WHERE s.id = p.survey_id AND s.anonymous;
INSERT INTO respondent SELECT * FROM anonymous_respondent ORDER BY random();
