-- Who opened a questionnaire's form while signed in (docs/notifications.md, "A survey closing soon that you
-- started"): the survey and the account, nothing about answers. It exists only so that the person can be told, once,
-- that the questionnaire closes soon; a person who submits is forgotten here (the row is deleted by the submission and
-- by the job, which also checks the ledger), so nothing here ever sits next to an answer.
CREATE TABLE survey_started (
    survey_id   uuid NOT NULL REFERENCES survey (id),
    account_id  text NOT NULL,
    started_at  timestamptz NOT NULL,
    -- The sent marker: set in the transaction that records the notification's outbox event, so a person is told once.
    notified_at timestamptz,
    PRIMARY KEY (survey_id, account_id)
);
CREATE INDEX survey_started_waiting ON survey_started (survey_id) WHERE notified_at IS NULL;
