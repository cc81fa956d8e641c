package org.coprogram.common.inbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code parked_event}. Parking and the operator's bookkeeping run on the pool, outside any handler's transaction (a
 * handler that just failed leaves nothing worth joining); marking a replay done runs in the replay's own transaction,
 * so that it commits together with the event's effect.
 */
@ApplicationScoped
public class ParkedEventRepository {

    private static final String COLUMNS = "id, consumer, channel, event_id, topic, kafka_partition, kafka_offset, type,"
            + " source, subject, plan_id, event_time, payload, error_class, error_message, attempts, parked_at";

    /** Totals of what is parked and not replayed. */
    public record Pending(long count, OffsetDateTime oldest) {
    }

    private final Pool pool;

    public ParkedEventRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Parks a record; a record parked again (redelivered before its partition's offset was committed) adds its
     * attempts to the row already there and keeps its latest error.
     */
    public Uni<Void> park(Delivery delivery, String consumer, String errorClass, String errorMessage, int attempts,
            OffsetDateTime now) {
        ReceivedEvent event = delivery.event();
        return pool.preparedQuery("INSERT INTO parked_event (consumer, channel, event_id, topic, kafka_partition,"
                + " kafka_offset, type, source, subject, plan_id, event_time, payload, error_class, error_message,"
                + " attempts, parked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
                + " ON CONFLICT (consumer, event_id) DO UPDATE SET error_class = EXCLUDED.error_class,"
                + " error_message = EXCLUDED.error_message, attempts = parked_event.attempts + EXCLUDED.attempts,"
                + " parked_at = EXCLUDED.parked_at")
                .execute(Tuple.from(new Object[]{consumer, delivery.channel(), event.id(), delivery.record().topic(),
                        delivery.record().partition(), delivery.record().offset(), event.type(), event.source(),
                        event.subject(), event.planId(), event.time(), delivery.record().value(),
                        errorClass, errorMessage, attempts, now}))
                .replaceWithVoid();
    }

    public Uni<Optional<ParkedEvent>> find(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM parked_event WHERE id = $1 AND replayed_at IS NULL")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toParked(rows.iterator().next())));
    }

    /** Ids of the parked events an operator asked to replay, oldest request first. */
    public Uni<List<Long>> replayRequested(int limit) {
        return pool.preparedQuery("SELECT id FROM parked_event WHERE replay_requested_at IS NOT NULL"
                + " AND replayed_at IS NULL ORDER BY replay_requested_at, id LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    /** In the replay's transaction: true if this call marked it (not another replica before). */
    public Uni<Boolean> markReplayed(long id, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("UPDATE parked_event SET replayed_at = :now,"
                        + " replay_requested_at = NULL, replay_error = NULL WHERE id = :id AND replayed_at IS NULL")
                        .setParameter("now", now)
                        .setParameter("id", id)
                        .executeUpdate())
                .map(updated -> updated == 1);
    }

    /** A replay that failed: the request is withdrawn (no retry every poll) and the error kept for the operator. */
    public Uni<Void> replayFailed(long id, String error) {
        return pool.preparedQuery("UPDATE parked_event SET replay_requested_at = NULL, replay_error = $2,"
                + " attempts = attempts + 1 WHERE id = $1")
                .execute(Tuple.of(id, error))
                .replaceWithVoid();
    }

    public Uni<Pending> pending(String consumer) {
        return pool.preparedQuery("SELECT count(*) AS parked, min(parked_at) AS oldest FROM parked_event"
                + " WHERE replayed_at IS NULL AND consumer = $1")
                .execute(Tuple.of(consumer))
                .map(RowSet::iterator)
                .map(rows -> {
                    Row row = rows.next();
                    return new Pending(row.getLong("parked"), row.getOffsetDateTime("oldest"));
                });
    }

    private static ParkedEvent toParked(Row row) {
        return new ParkedEvent(row.getLong("id"), row.getString("consumer"), row.getString("channel"),
                row.getUUID("event_id"), row.getString("topic"), row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"), row.getString("type"), row.getString("source"),
                row.getString("subject"), row.getString("plan_id"), row.getOffsetDateTime("event_time"),
                row.getString("payload"), row.getString("error_class"), row.getString("error_message"),
                row.getInteger("attempts"), row.getOffsetDateTime("parked_at"));
    }
}
