package org.coprogram.common.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.common.CoprogramConfig;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves outbox rows to Kafka. One relay at a time per database (a transaction-scoped advisory lock), rows in
 * {@code seq} order, marked published only after the broker acknowledged them: at least once, never before commit.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key shared by every replica of a service (they share its database). */
    private static final long RELAY_LOCK = 0x636f70726f67L;

    private final Pool pool;
    private final CloudEventProducer producer;
    private final CoprogramConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter published;
    private final Counter failedRounds;

    public OutboxRelay(Pool pool, CloudEventProducer producer, CoprogramConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.producer = producer;
        this.config = config;
        this.published = Counter.builder("coprogram.outbox.published")
                .description("Events the relay moved from the outbox to Kafka").register(registry);
        this.failedRounds = Counter.builder("coprogram.outbox.relay.failures")
                .description("Relay rounds that failed (broker or database unreachable) and will be retried")
                .register(registry);
    }

    /**
     * Polls on a Vert.x timer: Quarkus' scheduler does not go below one second, and a relay round every 100 ms keeps
     * an event's delay from commit to broker well under the synthesis' one-second budget.
     */
    void start(@Observes StartupEvent startup, Vertx vertx) {
        vertx.setPeriodic(1000, config.outbox().pollInterval().toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                relayOnce()
                        .onFailure().invoke(e -> {
                            failedRounds.increment();
                            LOG.warnf("Outbox relay round failed, will retry: %s", e.getMessage());
                        })
                        .onFailure().recoverWithItem(0)
                        .subscribe().with(count -> {
                            published.increment(count);
                            running.set(false);
                        });
            }
        });
    }

    /** One relay round; the number of events published. */
    public Uni<Integer> relayOnce() {
        Executor back = callerContext();
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? relayLocked(conn, back)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> relayLocked(SqlConnection conn, Executor back) {
        // Both statements of a round are plain queries, planned on every round: a prepared one keeps the generic plan made
        // while the table was nearly empty (a sequential scan) for as long as no ANALYZE invalidates it, and then reads
        // every published row each round (docs/performance.md).
        return conn.query("SELECT id, topic, type, subject, plan_id, payload, occurred_at FROM outbox_event"
                + " WHERE published_at IS NULL ORDER BY seq LIMIT " + config.outbox().batchSize())
                .execute()
                .map(OutboxRelay::toEvents)
                .flatMap(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : sendAndMark(conn, rows, back));
    }

    private Uni<Integer> sendAndMark(SqlConnection conn, List<OutboxEvent> rows, Executor back) {
        return Uni.createFrom().item(() -> producer.sendInOrder(rows, config.outbox().sendTimeout()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(back)
                .flatMap(acknowledged -> acknowledged.isEmpty()
                        ? Uni.createFrom().item(0)
                        : conn.query("UPDATE outbox_event SET published_at = now() WHERE id IN ("
                                + uuidLiterals(acknowledged) + ")")
                                .execute()
                                .map(RowSet::rowCount));
    }

    /** The ids as SQL literals: safe to inline, since a UUID prints as hexadecimal digits and dashes only. */
    private static String uuidLiterals(List<UUID> ids) {
        StringJoiner literals = new StringJoiner(",");
        ids.forEach(id -> literals.add("'" + id + "'::uuid"));
        return literals.toString();
    }

    private static Executor callerContext() {
        Context context = Vertx.currentContext();
        return context == null ? Infrastructure.getDefaultExecutor() : task -> context.runOnContext(v -> task.run());
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
            events.add(event);
        }
        return events;
    }

}
