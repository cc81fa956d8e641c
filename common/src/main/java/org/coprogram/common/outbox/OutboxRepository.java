package org.coprogram.common.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox table's statements: the relay's round (lock, read, mark) on the connection of its transaction, and the
 * insert a single-statement write appends to itself.
 */
public final class OutboxRepository {

    /** Advisory lock key shared by every replica of a service (they share its database). */
    public static final long RELAY_LOCK = 0x636f70726f67L;

    private OutboxRepository() {
    }

    /** True when this transaction now holds the relay lock; released at commit or rollback. */
    static Uni<Boolean> tryRelayLock(SqlConnection conn) {
        return conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * The oldest unpublished events, in {@code seq} order. Both statements of a round are plain queries, planned on
     * every round: a prepared one keeps the generic plan made while the table was nearly empty (a sequential scan)
     * for as long as no ANALYZE invalidates it, and then reads every published row each round (docs/performance.md).
     */
    static Uni<List<OutboxEvent>> unpublished(SqlConnection conn, int limit) {
        return conn
                .query("SELECT id, topic, type, subject, plan_id, payload, occurred_at, traceparent FROM outbox_event"
                        + " WHERE published_at IS NULL ORDER BY seq LIMIT " + limit)
                .execute()
                .map(OutboxRepository::toEvents);
    }

    /** The unpublished events (counted up to {@code cap}) and the time of the oldest, null when there is none. */
    static Uni<Backlog> backlog(Pool pool, int cap) {
        return pool.query("SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE published_at IS NULL LIMIT "
                + cap
                + ") capped), (SELECT occurred_at FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT 1)")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime oldest = row.getOffsetDateTime(1);
                    return new Backlog(row.getLong(0), oldest == null ? null : oldest.toInstant());
                });
    }

    /** The outbox backlog: how many events wait, and since when the oldest does. */
    record Backlog(long pending, Instant oldest) {
    }

    /** Marks these events published; how many rows changed. */
    static Uni<Integer> markPublished(SqlConnection conn, List<UUID> ids) {
        return conn.query("UPDATE outbox_event SET published_at = now() WHERE id IN (" + uuidLiterals(ids) + ")")
                .execute()
                .map(RowSet::rowCount);
    }

    /**
     * The statement part that inserts an {@link Outbox#event} row from a single-statement change:
     * {@code INSERT INTO outbox_event (…) SELECT $first, … FROM source}, one row per row of {@code source}. Its
     * parameters, from {@code $first} on, are bound by {@link Outbox#addValues}.
     */
    public static String insertFrom(String source, int first) {
        return "INSERT INTO outbox_event (id, topic, type, subject, plan_id, payload, occurred_at, traceparent) SELECT "
                + String.format("$%d::uuid, $%d::text, $%d::text, $%d::text, $%d::text, $%d::text, $%d::timestamptz,"
                        + " $%d::text", first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6,
                        first + 7)
                + " FROM " + source;
    }

    /**
     * As {@link #insertFrom}, for a change whose event is made by the statement itself: {@code source}'s columns
     * {@code subject}, {@code plan_id} and {@code payload} (the JSON text) give what only the database knows when the
     * statement runs (a counter's new value, the plan of the row changed). Its parameters, from {@code $first} on,
     * are bound by {@link Outbox#addStatementValues}.
     */
    public static String insertMadeFrom(String source, int first) {
        return "INSERT INTO outbox_event (id, topic, type, subject, plan_id, payload, occurred_at, traceparent) SELECT "
                + String.format("$%d::uuid, $%d::text, $%d::text, subject, plan_id, payload, $%d::timestamptz,"
                        + " $%d::text", first, first + 1, first + 2, first + 3, first + 4)
                + " FROM " + source;
    }

    /**
     * One multi-row insert of {@code count} events for a Hibernate Reactive native query: row {@code i}'s values are
     * the named parameters {@code id<i>, topic<i>, type<i>, subject<i>, plan<i>, payload<i>, at<i>, trace<i>}, rows in
     * the order given (so their {@code seq} follows it). Bound by {@link Outbox#recordAll}.
     */
    static String insertRows(int count) {
        StringJoiner rows = new StringJoiner(", ",
                "INSERT INTO outbox_event (id, topic, type, subject, plan_id, payload, occurred_at, traceparent) VALUES ",
                "");
        for (int i = 0; i < count; i++) {
            rows.add(String.format("(:id%1$d, :topic%1$d, :type%1$d, :subject%1$d, :plan%1$d, :payload%1$d,"
                    + " CAST(:at%1$d AS timestamptz), :trace%1$d)", i));
        }
        return rows.toString();
    }

    /** Inserts the events, in their order, with {@link #insertRows} on the session's connection (its transaction). */
    static Uni<Integer> insertAll(Mutiny.Session session, List<OutboxEvent> events) {
        var query = session.createNativeQuery(insertRows(events.size()));
        for (int i = 0; i < events.size(); i++) {
            OutboxEvent e = events.get(i);
            query.setParameter("id" + i, e.id);
            query.setParameter("topic" + i, e.topic);
            query.setParameter("type" + i, e.type);
            query.setParameter("subject" + i, e.subject);
            query.setParameter("plan" + i, e.planId);
            query.setParameter("payload" + i, e.payload);
            query.setParameter("at" + i, e.occurredAt);
            query.setParameter("trace" + i, e.traceparent);
        }
        return query.executeUpdate();
    }

    /** The ids as SQL literals: safe to inline, since a UUID prints as hexadecimal digits and dashes only. */
    private static String uuidLiterals(List<UUID> ids) {
        StringJoiner literals = new StringJoiner(",");
        ids.forEach(id -> literals.add("'" + id + "'::uuid"));
        return literals.toString();
    }

    private static List<OutboxEvent> toEvents(RowSet<Row> rows) {
        List<OutboxEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            OutboxEvent event = new OutboxEvent();
            event.id = row.getUUID("id");
            event.topic = row.getString("topic");
            event.type = row.getString("type");
            event.subject = row.getString("subject");
            event.planId = row.getString("plan_id");
            event.payload = row.getString("payload");
            event.occurredAt = row.getOffsetDateTime("occurred_at");
            event.traceparent = row.getString("traceparent");
            events.add(event);
        }
        return events;
    }
}
