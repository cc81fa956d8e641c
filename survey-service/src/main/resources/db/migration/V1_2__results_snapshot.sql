-- The counts that public results are published from (docs/privacy.md). Replaced only when at least k responses came
-- in since it was taken, or when the survey closed: two snapshots never differ by the answers of fewer than k people.
CREATE TABLE results_snapshot (
    survey_id   uuid PRIMARY KEY REFERENCES survey (id),
    respondents bigint NOT NULL,
    tallies     jsonb NOT NULL,
    taken_at    timestamptz NOT NULL
);
