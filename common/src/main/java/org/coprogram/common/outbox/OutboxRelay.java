package org.coprogram.common.outbox;

import java.util.List;
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
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Moves outbox rows to Kafka. One relay at a time per database (a transaction-scoped advisory lock), rows in
 * {@code seq} order, marked published only after the broker acknowledged them: at least once, never before commit.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

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
        return pool.withTransaction(conn -> OutboxRepository.tryRelayLock(conn)
                .flatMap(locked -> locked ? relayLocked(conn, back) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> relayLocked(SqlConnection conn, Executor back) {
        return OutboxRepository.unpublished(conn, config.outbox().batchSize())
                .flatMap(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : sendAndMark(conn, rows, back));
    }

    private Uni<Integer> sendAndMark(SqlConnection conn, List<OutboxEvent> rows, Executor back) {
        return Uni.createFrom().item(() -> producer.sendInOrder(rows, config.outbox().sendTimeout()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(back)
                .flatMap(acknowledged -> acknowledged.isEmpty()
                        ? Uni.createFrom().item(0)
                        : OutboxRepository.markPublished(conn, acknowledged));
    }

    private static Executor callerContext() {
        Context context = Vertx.currentContext();
        return context == null ? Infrastructure.getDefaultExecutor() : task -> context.runOnContext(v -> task.run());
    }
}
