-- The event tables' hot statements at volume, with and without retention (scripts/bench/event-tables.sh).
-- One "window" stands for one day of traffic: EVENTS events are written to the outbox in batches, relayed (the
-- relay's select and update, planned every round as OutboxRelay's plain queries are) and consumed by an inbox (one
-- processed_event insert per event, the EventInbox.consume statement); then, with retention on, the day's
-- EventRetention round runs its batched deletes (RetentionRepository's statements) with the simulated clock.
CREATE TABLE IF NOT EXISTS bench_window (
    mode text, day int, events int, outbox_us numeric, relay_us numeric, inbox_us numeric, retention_ms numeric,
    outbox_rows bigint, processed_rows bigint, outbox_mb numeric, processed_mb numeric
);

CREATE OR REPLACE PROCEDURE bench_day(mode text, day int, events int, batch int, retention boolean,
                                      outbox_days int, inbox_days int)
LANGUAGE plpgsql AS $$
DECLARE
    today timestamptz := timestamptz '2026-01-01 00:00:00+00' + make_interval(days => day);
    t0 timestamptz;
    outbox_time interval := interval '0';
    relay_time interval := interval '0';
    inbox_time interval := interval '0';
    retention_time interval := interval '0';
    ids uuid[];
    id uuid;
    deleted int;
    done int := 0;
BEGIN
    WHILE done < events LOOP
        t0 := clock_timestamp();
        INSERT INTO outbox_event (id, topic, type, subject, plan_id, payload, occurred_at)
        SELECT gen_random_uuid(), 'coprogram.bench', 'org.coprogram.bench.v1', md5(random()::text), null,
               '{"planId":"00000000-0000-0000-0000-000000000000","title":"un evento di prova di lunghezza media"}',
               today + make_interval(secs => (done + g) * 86400.0 / events)
        FROM generate_series(1, batch) g;
        COMMIT;
        outbox_time := outbox_time + (clock_timestamp() - t0);

        t0 := clock_timestamp();
        EXECUTE 'SELECT array_agg(id) FROM (SELECT id FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT '
                || batch || ') unpublished' INTO ids;
        EXECUTE 'UPDATE outbox_event SET published_at = $1 WHERE id = ANY($2)'
                USING today + make_interval(secs => (done + batch) * 86400.0 / events), ids;
        COMMIT;
        relay_time := relay_time + (clock_timestamp() - t0);

        t0 := clock_timestamp();
        FOREACH id IN ARRAY ids LOOP
            EXECUTE 'INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ($1, $2, $3)'
                    || ' ON CONFLICT DO NOTHING'
                    USING 'bench-consumer', id, today + make_interval(secs => done * 86400.0 / events);
        END LOOP;
        COMMIT;
        inbox_time := inbox_time + (clock_timestamp() - t0);
        done := done + batch;
    END LOOP;

    IF retention THEN
        t0 := clock_timestamp();
        LOOP
            EXECUTE 'DELETE FROM outbox_event WHERE seq = ANY(ARRAY(SELECT seq FROM outbox_event'
                    || ' WHERE published_at < $1 ORDER BY published_at LIMIT $2))'
                    USING today + interval '1 day' - make_interval(days => outbox_days), 1000;
            GET DIAGNOSTICS deleted = ROW_COUNT;
            COMMIT;
            EXIT WHEN deleted < 1000;
        END LOOP;
        LOOP
            EXECUTE 'DELETE FROM processed_event WHERE ctid = ANY(ARRAY(SELECT ctid FROM processed_event'
                    || ' WHERE processed_at < $1 ORDER BY processed_at LIMIT $2))'
                    USING today + interval '1 day' - make_interval(days => inbox_days), 1000;
            GET DIAGNOSTICS deleted = ROW_COUNT;
            COMMIT;
            EXIT WHEN deleted < 1000;
        END LOOP;
        retention_time := clock_timestamp() - t0;
    END IF;

    INSERT INTO bench_window VALUES (mode, day, events,
        round(extract(epoch FROM outbox_time) * 1e6 / events, 2),
        round(extract(epoch FROM relay_time) * 1e6 / events, 2),
        round(extract(epoch FROM inbox_time) * 1e6 / events, 2),
        round(extract(epoch FROM retention_time) * 1e3, 0),
        (SELECT count(*) FROM outbox_event), (SELECT count(*) FROM processed_event),
        round(pg_total_relation_size('outbox_event') / 1048576.0, 1),
        round(pg_total_relation_size('processed_event') / 1048576.0, 1));
    COMMIT;
END $$;
