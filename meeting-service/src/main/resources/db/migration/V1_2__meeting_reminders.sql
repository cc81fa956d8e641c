-- The reminder the day before a meeting (docs/dialogue-participation.md): one row per registration reminded, written
-- in the transaction that records the reminder's personal event, so a registration is reminded once even across
-- restarts and replicas (the primary key refuses a second one).
CREATE TABLE meeting_reminder_sent (
    registration_id uuid PRIMARY KEY REFERENCES registration (id),
    sent_at         timestamptz NOT NULL
);
-- The reminder job's scan: scheduled meetings by start.
CREATE INDEX meeting_scheduled_starts ON meeting (starts_at) WHERE status = 'SCHEDULED';
-- "La mia partecipazione": a person's registrations, newest first.
CREATE INDEX registration_person ON registration (person_id, created_at DESC, id);
