package org.coprogram.notification.mail;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The mail outbox ({@code mail_outbox}): claims the rows that are due, and records what became of each. A claim moves
 * the row's next attempt past a lease, so two senders (two pods) never take the same row at once, and a sender that
 * dies mid-round leaves its rows to be taken again when the lease ends.
 */
@ApplicationScoped
public class MailOutboxRepository {

    private final Pool pool;

    public MailOutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** Claims up to {@code limit} due rows until {@code leaseUntil}, with their notification and preference. */
    public Uni<List<PendingMail>> claimDue(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        return pool.preparedQuery("""
                WITH claimed AS (
                  UPDATE mail_outbox m SET next_attempt_at = $2
                  FROM (SELECT id FROM mail_outbox WHERE status = 'PENDING' AND next_attempt_at <= $1
                        ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
                  WHERE m.id = due.id
                  RETURNING m.id, m.account_id, m.channel, m.digest_day, m.attachments, m.attempts, m.notification_id)
                SELECT c.id, c.account_id, c.channel, c.digest_day, c.attachments::text, c.attempts, p.mode,
                       n.kind, n.subject_type, n.subject_id, n.title, n.url, n.data::text, n.created_at
                FROM claimed c
                LEFT JOIN notification n ON n.id = c.notification_id
                LEFT JOIN notification_preference p ON p.account_id = c.account_id""")
                .execute(Tuple.of(now, leaseUntil, limit)).map(rows -> {
                    List<PendingMail> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new PendingMail(row.getUUID(0), row.getString(1), row.getString(2),
                                row.getLocalDate(3), row.getString(4), row.getInteger(5), row.getString(6),
                                row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                                row.getString(11), row.getString(12), row.getOffsetDateTime(13)));
                    }
                    return claimed;
                });
    }

    /** The notifications a digest gathers (the first {@code limit}, oldest first) and how many there are in all. */
    public Uni<List<DigestItem>> digestItems(String accountId, LocalDate day, int limit) {
        return pool.preparedQuery("SELECT kind, title, url, created_at FROM notification"
                + " WHERE account_id = $1 AND digest_day = $2 ORDER BY created_at, id LIMIT $3")
                .execute(Tuple.of(accountId, day, limit)).map(rows -> {
                    List<DigestItem> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(new DigestItem(row.getString(0), row.getString(1), row.getString(2),
                                row.getOffsetDateTime(3)));
                    }
                    return items;
                });
    }

    public Uni<Long> digestCount(String accountId, LocalDate day) {
        return pool.preparedQuery("SELECT count(*) FROM notification WHERE account_id = $1 AND digest_day = $2")
                .execute(Tuple.of(accountId, day)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** The relay accepted these messages. */
    public Uni<Void> markSent(List<UUID> ids, OffsetDateTime now) {
        return ids.isEmpty()
                ? Uni.createFrom().voidItem()
                : pool.preparedQuery("UPDATE mail_outbox SET status = 'SENT', sent_at = $2, last_error = NULL"
                        + " WHERE id = ANY($1)").execute(Tuple.of(ids.toArray(UUID[]::new), now)).replaceWithVoid();
    }

    /** Nothing to send (no address, or the person wants no e-mail any more); {@code reason} says which. */
    public Uni<Void> skip(UUID id, String reason) {
        return pool.preparedQuery("UPDATE mail_outbox SET status = 'SKIPPED', last_error = $2 WHERE id = $1")
                .execute(Tuple.of(id, reason)).replaceWithVoid();
    }

    /** The attempt failed: another one at {@code next}. */
    public Uni<Void> retryAt(UUID id, OffsetDateTime next, String error) {
        return pool.preparedQuery("UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $2,"
                + " last_error = $3 WHERE id = $1").execute(Tuple.of(id, next, error)).replaceWithVoid();
    }

    /** Rows still to send, for the readiness' and the metrics' backlog. */
    public Uni<Long> pending() {
        return pool.query("SELECT count(*) FROM mail_outbox WHERE status = 'PENDING'").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
