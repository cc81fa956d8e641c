package org.coprogram.notification.export;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.notification.export.NotificationExportRows.MyFollow;
import org.coprogram.notification.export.NotificationExportRows.MyMail;
import org.coprogram.notification.export.NotificationExportRows.MyNotification;
import org.coprogram.notification.export.NotificationExportRows.MyPreference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every statement of notification-service's export: one keyset page of one account's follows, notifications or
 * mails at a time (by {@code account_id}; the preference is one row at most).
 */
@ApplicationScoped
public class NotificationExportRepository {

    private static final String FOLLOWS = """
            SELECT target_type, target_id, reason, created_at FROM follow
            WHERE account_id = $1 AND ($2::text IS NULL OR (target_type, target_id) > ($2, $3))
            ORDER BY target_type, target_id LIMIT $4""";

    private static final String PREFERENCE = """
            SELECT mode, updated_at FROM notification_preference WHERE account_id = $1 AND $2::text IS NULL""";

    private static final String NOTIFICATIONS = """
            SELECT id, kind, subject_type, subject_id, title, url, plan_id, region, data::text AS data, delivery,
                   digest_day, created_at, read_at
            FROM notification
            WHERE account_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3))
            ORDER BY created_at, id LIMIT $4""";

    private static final String MAILS = """
            SELECT id, channel, notification_id, digest_day, status, attempts, created_at, sent_at
            FROM mail_outbox
            WHERE account_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3))
            ORDER BY created_at, id LIMIT $4""";

    private final Pool pool;

    NotificationExportRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<MyFollow>> follows(String accountId, MyFollow after, int limit) {
        return list(FOLLOWS, Tuple.of(accountId, after == null ? null : after.targetType(),
                after == null ? null : after.targetId(), limit),
                row -> new MyFollow(row.getString("target_type"), row.getString("target_id"),
                        row.getString("reason"), row.getOffsetDateTime("created_at")));
    }

    /** The preference: one page of at most one row; asked after it, nothing. */
    public Uni<List<MyPreference>> preference(String accountId, MyPreference after) {
        return list(PREFERENCE, Tuple.of(accountId, after == null ? null : "after"),
                row -> new MyPreference(row.getString("mode"), row.getOffsetDateTime("updated_at")));
    }

    public Uni<List<MyNotification>> notifications(String accountId, MyNotification after, int limit) {
        return list(NOTIFICATIONS, tuple(accountId, after == null ? null : after.createdAt(),
                after == null ? null : after.id(), limit),
                row -> new MyNotification(row.getUUID("id"), row.getString("kind"), row.getString("subject_type"),
                        row.getString("subject_id"), row.getString("title"), row.getString("url"),
                        row.getString("plan_id"), row.getString("region"), row.getString("data"),
                        row.getString("delivery"), row.getLocalDate("digest_day"),
                        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("read_at")));
    }

    public Uni<List<MyMail>> mails(String accountId, MyMail after, int limit) {
        return list(MAILS, tuple(accountId, after == null ? null : after.createdAt(),
                after == null ? null : after.id(), limit),
                row -> new MyMail(row.getUUID("id"), row.getString("channel"), row.getUUID("notification_id"),
                        row.getLocalDate("digest_day"), row.getString("status"), row.getInteger("attempts"),
                        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("sent_at")));
    }

    private static Tuple tuple(String accountId, OffsetDateTime afterTime, Object afterId, int limit) {
        return Tuple.of(accountId, afterTime, afterId, limit);
    }

    private <T> Uni<List<T>> list(String sql, Tuple parameters, Function<Row, T> row) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            List<T> items = new ArrayList<>(rows.rowCount());
            for (Row found : rows) {
                items.add(row.apply(found));
            }
            return items;
        });
    }
}
