package org.coprogram.common.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The outbox backlog as gauges, for the outbox-age objective (docs/operations.md, "Service-level objectives"):
 * {@code coprogram_outbox_pending} (unpublished rows, counted up to {@link #COUNT_CAP}) and
 * {@code coprogram_outbox_oldest_unpublished_age_seconds} (how long the oldest unpublished event has waited, by the
 * service's clock at scrape time, so it keeps growing while the database is unreachable). Every replica samples the
 * shared table, whichever one holds the relay lock.
 */
@ApplicationScoped
public class OutboxBacklog {

    /** Counting stops here: a backlog this long already means the relay is down, and counting more costs a scan. */
    static final int COUNT_CAP = 100_000;

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    private final Pool pool;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Instant> oldest = new AtomicReference<>();

    public OutboxBacklog(Pool pool, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.clock = clock;
        Gauge.builder("coprogram.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet acknowledged by Kafka (counted up to " + COUNT_CAP + ")")
                .register(registry);
        Gauge.builder("coprogram.outbox.oldest.unpublished.age", this, OutboxBacklog::oldestAgeSeconds)
                .description("Age of the oldest outbox event not yet acknowledged by Kafka; 0 when none waits")
                .baseUnit("seconds").register(registry);
    }

    /** Seconds since the oldest unpublished event occurred, as last sampled; 0 when the outbox was empty. */
    double oldestAgeSeconds() {
        Instant since = oldest.get();
        return since == null ? 0 : Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    /** Takes a sample of the backlog. */
    void update(OutboxRepository.Backlog backlog) {
        pending.set(backlog.pending());
        oldest.set(backlog.oldest());
    }

    /** Samples the backlog; a failed sample keeps the last one (whose age goes on growing). */
    @Scheduled(every = "${coprogram.outbox.backlog-poll-interval:10s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sample() {
        return OutboxRepository.backlog(pool, COUNT_CAP)
                .invoke(this::update)
                .onFailure().invoke(e -> LOG.warnf("Sampling the outbox backlog failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
