package org.coprogram.common.idempotency;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.common.CoprogramConfig;
import org.coprogram.common.time.PeriodicRounds;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Forgets idempotency keys older than {@code coprogram.idempotency.retention}: a client retries within minutes, and
 * a week covers any client's retry policy and a long outage. Every replica may prune; deleting twice is harmless.
 */
@ApplicationScoped
public class IdempotencyKeyPruner {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyPruner.class);

    private final IdempotencyRepository repository;
    private final CoprogramConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    public IdempotencyKeyPruner(IdempotencyRepository repository, CoprogramConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup, PeriodicRounds rounds) {
        long interval = config.idempotency().pruneInterval().toMillis();
        rounds.every(interval, interval, () -> {
            if (running.compareAndSet(false, true)) {
                prune().subscribe().with(count -> {
                    LOG.debugf("Forgot %d idempotency keys", count);
                    running.set(false);
                }, e -> {
                    LOG.warnf("Pruning idempotency keys failed, will retry: %s", e.getMessage());
                    running.set(false);
                });
            }
        });
    }

    /** Forgets the keys older than the retention by the service's clock; the number forgotten. */
    public Uni<Integer> prune() {
        return repository.pruneOlderThan(OffsetDateTime.now(clock).minus(config.idempotency().retention()));
    }
}
