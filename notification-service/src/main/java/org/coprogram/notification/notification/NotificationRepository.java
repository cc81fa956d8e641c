package org.coprogram.notification.notification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.paging.PageRequest;
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The notification centre ({@code notification}) and, written with it in one statement, the immediate e-mails
 * ({@code mail_outbox}). The writes run in the current Panache transaction, the inbox's, beside the id of the event
 * that caused them; both tables' unique keys make a second delivery of the same notification insert nothing.
 */
@ApplicationScoped
public class NotificationRepository {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    /**
     * Inserts the notification for each recipient not told yet (delivery from their preference, IMMEDIATE when they
     * never chose), and an EMAIL row of the mail outbox for those who want e-mails at once.
     */
    private static final String NOTIFY = """
            , inserted AS (
              INSERT INTO notification (id, notification_key, account_id, kind, subject_type, subject_id, title, url,
                                        plan_id, region, data, delivery, created_at)
              SELECT gen_random_uuid(), :key, r.account_id, :kind, :subjectType, :subjectId, :title, NULLIF(:url, ''),
                     NULLIF(:planId, ''), NULLIF(:region, ''), CAST(CAST(:data AS text) AS jsonb),
                     CASE coalesce(p.mode, 'IMMEDIATE') WHEN 'IMMEDIATE' THEN 'EMAIL'
                                                        WHEN 'DAILY_DIGEST' THEN 'DIGEST' ELSE 'NONE' END, :now
              FROM recipients r LEFT JOIN notification_preference p ON p.account_id = r.account_id
              ON CONFLICT (notification_key, account_id) DO NOTHING
              RETURNING id, account_id, delivery)
            INSERT INTO mail_outbox (id, dedupe_key, account_id, channel, notification_id, attachments, next_attempt_at,
                                     created_at)
            SELECT gen_random_uuid(), :key, i.account_id, 'EMAIL', i.id, CAST(CAST(:attachments AS text) AS jsonb), :now, :now
            FROM inserted i WHERE i.delivery = 'EMAIL'
            ON CONFLICT DO NOTHING""";

    private final Pool pool;
    private final ObjectMapper json;

    public NotificationRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Tells one person; the number of e-mails queued (0 or 1). */
    public Uni<Integer> notifyAccount(String accountId, NotificationContent content, OffsetDateTime now) {
        String sql = "WITH recipients AS (SELECT CAST(:account AS text) AS account_id)" + NOTIFY;
        return Panache.getSession().flatMap(session -> bind(session.createNativeQuery(sql), content, now)
                .setParameter("account", accountId).executeUpdate());
    }

    /**
     * Tells everyone who follows {@code targetType}/{@code targetId}, except {@code excludedAccount} (the one who
     * acted; empty for none), in one statement whatever their number; the number of e-mails queued.
     */
    public Uni<Integer> notifyFollowers(String targetType, String targetId, String excludedAccount,
            NotificationContent content, OffsetDateTime now) {
        String sql = "WITH recipients AS (SELECT DISTINCT account_id FROM follow WHERE target_type = :targetType"
                + " AND target_id = :targetId AND account_id <> :excluded)" + NOTIFY;
        return Panache.getSession().flatMap(session -> bind(session.createNativeQuery(sql), content, now)
                .setParameter("targetType", targetType).setParameter("targetId", targetId)
                .setParameter("excluded", excludedAccount == null ? "" : excludedAccount).executeUpdate());
    }

    private Mutiny.MutationQuery bind(
            Mutiny.MutationQuery query, NotificationContent content,
            OffsetDateTime now) {
        return query.setParameter("key", content.key()).setParameter("kind", content.kind())
                .setParameter("subjectType", content.subjectType()).setParameter("subjectId", content.subjectId())
                .setParameter("title", content.title()).setParameter("url", orEmpty(content.url()))
                .setParameter("planId", orEmpty(content.planId())).setParameter("region", orEmpty(content.region()))
                .setParameter("data", write(content.data() == null ? Map.of() : content.data()))
                .setParameter("attachments", write(content.attachments() == null ? List.of() : content.attachments()))
                .setParameter("now", now);
    }

    /** A page of the person's notifications, newest first, with the number of unread ones. */
    public Uni<NotificationPage> page(String accountId, PageRequest request) {
        Uni<List<NotificationView>> items = pool.preparedQuery("SELECT id, kind, subject_type, subject_id, title, url,"
                + " plan_id, data::text, created_at, read_at FROM notification WHERE account_id = $1"
                + " ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3")
                .execute(Tuple.of(accountId, request.size(), (long) request.page() * request.size()))
                .map(rows -> {
                    List<NotificationView> views = new ArrayList<>();
                    for (Row row : rows) {
                        views.add(view(row));
                    }
                    return views;
                });
        Uni<Row> counts = pool.preparedQuery("SELECT count(*), count(*) FILTER (WHERE read_at IS NULL)"
                + " FROM notification WHERE account_id = $1").execute(Tuple.of(accountId))
                .map(rows -> rows.iterator().next());
        return items.flatMap(list -> counts.map(row -> new NotificationPage(list, request.page(), request.size(),
                row.getLong(0), row.getLong(1))));
    }

    /** Marks the person's notification read; empty when they have none with this id (another's included). */
    public Uni<Optional<NotificationView>> markRead(String accountId, UUID id, OffsetDateTime now) {
        return pool.preparedQuery("UPDATE notification SET read_at = coalesce(read_at, $3)"
                + " WHERE id = $1 AND account_id = $2 RETURNING id, kind, subject_type, subject_id, title, url,"
                + " plan_id, data::text, created_at, read_at").execute(Tuple.of(id, accountId, now))
                .map(rows -> rows.size() == 0
                        ? Optional.<NotificationView>empty()
                        : Optional.of(view(rows.iterator().next())));
    }

    private NotificationView view(Row row) {
        return new NotificationView(row.getUUID(0), row.getString(1),
                new NotificationView.Subject(row.getString(2), row.getString(3), row.getString(4), row.getString(5)),
                row.getString(6), read(row.getString(7)), row.getOffsetDateTime(8), row.getValue(9) != null);
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification.data is not a JSON object of strings", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
