package org.coprogram.common.outbox;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.common.CoprogramConfig;
import org.coprogram.common.time.PeriodicRounds;
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
    /** When this process last recorded an event, and when the relay last began a round (System.nanoTime()). */
    private volatile long lastRecorded = System.nanoTime();
    private volatile long lastRound;
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

    /** {@link Outbox} tells of every event it makes: the relay polls often while events are being recorded. */
    void recorded() {
        lastRecorded = System.nanoTime();
    }

    /**
     * Polls on a Vert.x timer: Quarkus' scheduler does not go below one second, and a relay round every 100 ms keeps
     * an event's delay from commit to broker well under the synthesis' one-second budget. That short interval holds
     * while this process records events and for the hot window after the last one (its transaction commits after the
     * record); otherwise a round runs every idle interval, so an idle service costs its database a transaction every
     * two seconds instead of ten a second (#28). A round that fills a batch, or finds the lock held by another replica,
     * keeps the interval short.
     */
    void start(@Observes StartupEvent startup, PeriodicRounds rounds) {
        long hot = config.outbox().hotWindow().toNanos();
        long idle = config.outbox().idleInterval().toNanos();
        rounds.every(1000, config.outbox().pollInterval().toMillis(), () -> {
            long now = System.nanoTime();
            if ((now - lastRecorded < hot || now - lastRound >= idle) && running.compareAndSet(false, true)) {
                lastRound = now;
                relayOnce()
                        .onFailure().invoke(e -> {
                            failedRounds.increment();
                            recorded(); // retried at the short interval, as before
                            LOG.warnf("Outbox relay round failed, will retry: %s", e.getMessage());
                        })
                        .onFailure().recoverWithItem(0)
                        .subscribe().with(count -> {
                            published.increment(Math.max(0, count));
                            if (count < 0 || count >= config.outbox().batchSize()) {
                                recorded(); // more to do: the lock was busy, or the batch was full
                            }
                            running.set(false);
                        });
            }
        });
    }

    /** One relay round; the number of events published, or -1 when another replica's relay held the lock. */
    public Uni<Integer> relayOnce() {
        Executor back = callerContext();
        return pool.withTransaction(conn -> OutboxRepository.tryRelayLock(conn)
                .flatMap(locked -> locked ? relayLocked(conn, back) : Uni.createFrom().item(-1)));
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
