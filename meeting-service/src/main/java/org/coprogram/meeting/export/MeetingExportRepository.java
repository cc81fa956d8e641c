package org.coprogram.meeting.export;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The statement of meeting-service's export: one keyset page of one person's registrations ({@code person_id}). */
@ApplicationScoped
public class MeetingExportRepository {

    private static final String REGISTRATIONS = """
            SELECT r.id, r.meeting_id, m.plan_id, m.title, m.starts_at, m.ends_at, m.status AS meeting_status,
                   r.status, r.code, r.category, r.created_at, r.updated_at, r.checked_in_at, s.sent_at
            FROM registration r JOIN meeting m ON m.id = r.meeting_id
            LEFT JOIN meeting_reminder_sent s ON s.registration_id = r.id
            WHERE r.person_id = $1 AND ($2::timestamptz IS NULL OR (r.created_at, r.id) > ($2, $3))
            ORDER BY r.created_at, r.id LIMIT $4""";

    private final Pool pool;

    MeetingExportRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<MyRegistrationData>> registrations(String personId, MyRegistrationData after, int limit) {
        OffsetDateTime afterTime = after == null ? null : after.createdAt();
        UUID afterId = after == null ? null : after.id();
        return pool.preparedQuery(REGISTRATIONS).execute(Tuple.of(personId, afterTime, afterId, limit)).map(rows -> {
            List<MyRegistrationData> items = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                items.add(new MyRegistrationData(row.getUUID("id"), row.getUUID("meeting_id"), row.getUUID("plan_id"),
                        row.getString("title"), row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at"),
                        row.getString("meeting_status"), row.getString("status"), row.getString("code"),
                        row.getString("category"), row.getOffsetDateTime("created_at"),
                        row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("checked_in_at"),
                        row.getOffsetDateTime("sent_at")));
            }
            return items;
        });
    }
}
