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
