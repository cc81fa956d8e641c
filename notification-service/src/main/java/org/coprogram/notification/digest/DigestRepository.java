package org.coprogram.notification.digest;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One page of the daily digest: the next {@code pageSize} people (by account id, after {@code after}) with
 * notifications waiting for a digest get one DIGEST row in the mail outbox and their notifications dated {@code day},
 * in one statement and one transaction. The outbox's unique key decides: a person who already has the day's digest
 * (a second run of the same day) gets no second row, and their new notifications wait for tomorrow's. No anti-join
 * over the outbox: after a fan-out the planner's statistics are stale, and one made every page scan the day's rows.
 */
@ApplicationScoped
public class DigestRepository {

    /** What one page did: the last account of the page (the next page's keyset) and how many people it held. */
    public record PageResult(String lastAccount, int recipients) {
    }

    private final Pool pool;

    public DigestRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<PageResult> composePage(LocalDate day, String after, int pageSize, OffsetDateTime now) {
        return pool.preparedQuery("""
                WITH candidates AS MATERIALIZED (
                  SELECT DISTINCT account_id FROM notification
                  WHERE delivery = 'DIGEST' AND digest_day IS NULL AND account_id > $2
                  ORDER BY account_id LIMIT $3),
                queued AS (
                  INSERT INTO mail_outbox (id, dedupe_key, account_id, channel, digest_day, next_attempt_at, created_at)
                  SELECT gen_random_uuid(), 'digest:' || $1::text, account_id, 'DIGEST', $1, $4, $4 FROM candidates
                  ON CONFLICT DO NOTHING RETURNING account_id),
                marked AS (
                  UPDATE notification n SET digest_day = $1 FROM queued
                  WHERE n.account_id = queued.account_id AND n.delivery = 'DIGEST' AND n.digest_day IS NULL
                  RETURNING n.id)
                SELECT (SELECT max(account_id) FROM candidates), (SELECT count(*) FROM candidates),
                       (SELECT count(*) FROM marked)""").execute(Tuple.of(day, after, pageSize, now)).map(rows -> {
            var row = rows.iterator().next();
            return new PageResult(row.getString(0), row.getLong(1).intValue());
        });
    }
}
