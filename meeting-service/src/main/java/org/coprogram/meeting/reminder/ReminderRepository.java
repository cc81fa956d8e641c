package org.coprogram.meeting.reminder;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.sql.PositionalStatement;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reminder job's statements. A batch is one transaction: the due registrations are locked with {@code SKIP
 * LOCKED} (two replicas take different ones), and each reminder's sent-marker and outbox event are written by one
 * statement whose event row exists only if the marker was new ({@code meeting_reminder_sent}'s primary key), so a
 * registration is reminded once whatever runs the job, however often.
 */
@ApplicationScoped
public class ReminderRepository {

    /** A confirmed registration of a scheduled meeting starting soon, not yet reminded, with what the notice tells. */
    public record Due(UUID registrationId, String personId, String code, UUID meetingId, UUID planId, String region,
            String title, OffsetDateTime startsAt, OffsetDateTime endsAt, String address, String municipality,
            String onlineUrl) {
    }

    private static final String DUE = """
            SELECT r.id, r.person_id, r.code, m.id AS meeting_id, m.plan_id, p.region, m.title, m.starts_at, m.ends_at,
                   m.address, m.municipality, m.online_url
            FROM registration r
            JOIN meeting m ON m.id = r.meeting_id
            JOIN plan_view p ON p.id = m.plan_id
            WHERE m.status = 'SCHEDULED' AND m.starts_at > $1 AND m.starts_at <= $2 AND r.status = 'CONFIRMED'
              AND NOT EXISTS (SELECT 1 FROM meeting_reminder_sent s WHERE s.registration_id = r.id)
            ORDER BY m.starts_at, r.id
            LIMIT $3
            FOR UPDATE OF r SKIP LOCKED""";

    private static final PositionalStatement MARK = PositionalStatement.of("""
            WITH marked AS (
                INSERT INTO meeting_reminder_sent (registration_id, sent_at) VALUES ($1, $2)
                ON CONFLICT DO NOTHING
                RETURNING registration_id)
            """).withOutboxFrom("marked");

    private final Pool pool;

    ReminderRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * In one transaction: takes up to {@code limit} registrations whose meeting starts in ({@code from}, {@code to}]
     * and records, for each, its marker and the event {@code notice} makes of it.
     *
     * @return how many were taken
     */
    public Uni<Integer> remind(OffsetDateTime from, OffsetDateTime to, int limit,
            Function<Due, OutboxEvent> notice, OffsetDateTime now) {
        return pool.withTransaction(tx -> tx.preparedQuery(DUE).execute(Tuple.of(from, to, limit)).flatMap(rows -> {
            List<Tuple> batch = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                Due due = due(row);
                batch.add(MARK.bind(Outbox.addValues(Tuple.of(due.registrationId(), now), notice.apply(due))));
            }
            return batch.isEmpty()
                    ? Uni.createFrom().item(0)
                    : tx.preparedQuery(MARK.sql()).executeBatch(batch).replaceWith(batch.size());
        }));
    }

    private static Due due(Row row) {
        return new Due(row.getUUID("id"), row.getString("person_id"), row.getString("code"), row.getUUID("meeting_id"),
                row.getUUID("plan_id"), row.getString("region"), row.getString("title"),
                row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at"), row.getString("address"),
                row.getString("municipality"), row.getString("online_url"));
    }
}
