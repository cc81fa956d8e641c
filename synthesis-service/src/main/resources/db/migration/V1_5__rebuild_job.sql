-- A read-model rebuild runs as a job: started by a request, read back by its id. One runs at a time in the whole
-- deployment (the partial unique index), whichever replica started it; a job whose replica died stops holding that
-- place once its heartbeat (updated_at, written with every batch) is older than the service's stale horizon.
CREATE TABLE rebuild_job (
    id           uuid PRIMARY KEY,
    plan_id      uuid NOT NULL,
    requested_by text NOT NULL,
    status       text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    -- Records read so far per topic, in reading order (json, not jsonb, keeps that order): {"coprogram.proposals": 1200, ...}
    progress     json NOT NULL DEFAULT '{}',
    events       integer,
    version      bigint,
    error        text,
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    finished_at  timestamptz
);
CREATE UNIQUE INDEX rebuild_job_one_running ON rebuild_job ((true)) WHERE status = 'running';
CREATE INDEX rebuild_job_plan ON rebuild_job (plan_id);
