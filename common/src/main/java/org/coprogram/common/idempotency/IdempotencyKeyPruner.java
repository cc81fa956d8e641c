package org.coprogram.common.idempotency;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.common.CoprogramConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Forgets idempotency keys older than {@code coprogram.idempotency.retention}: a client retries within minutes, and
 * a week covers any client's retry policy and a long outage. Every replica may prune; deleting twice is harmless.
 */
@ApplicationScoped
public class IdempotencyKeyPruner {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyPruner.class);

    private final IdempotencyRepository repository;
    private final CoprogramConfig config;
    private final AtomicBoolean running = new AtomicBoolean();

    public IdempotencyKeyPruner(IdempotencyRepository repository, CoprogramConfig config) {
        this.repository = repository;
        this.config = config;
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        long interval = config.idempotency().pruneInterval().toMillis();
        vertx.setPeriodic(interval, interval, id -> {
            if (running.compareAndSet(false, true)) {
                repository.pruneOlderThan(OffsetDateTime.now(ZoneOffset.UTC).minus(config.idempotency().retention()))
                        .subscribe().with(count -> {
                            LOG.debugf("Forgot %d idempotency keys", count);
                            running.set(false);
                        }, e -> {
                            LOG.warnf("Pruning idempotency keys failed, will retry: %s", e.getMessage());
                            running.set(false);
                        });
            }
        });
    }
}
