package org.coprogram.common.time;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * Vert.x periodic timers for the rounds that poll a table (the outbox relay, the mail sender, the idempotency-key
 * pruner), cancelled when the application starts to shut down. Otherwise they kept firing after the database pool had
 * closed, each round failing and logging "Pool closed" until the process ended.
 * The {@code @Scheduled} jobs get the same from {@code skipExecutionIf = Scheduled.ApplicationNotRunning.class}.
 */
@ApplicationScoped
public class PeriodicRounds {

    private final Vertx vertx;
    private final Set<Long> timers = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    public PeriodicRounds(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Runs {@code round} after {@code delayMillis}, then every {@code periodMillis}, until the shutdown starts; the
     * timer's id, or -1 once the shutdown has started (nothing is scheduled then).
     */
    public long every(long delayMillis, long periodMillis, Runnable round) {
        if (stopped) {
            return -1;
        }
        long timer = vertx.setPeriodic(delayMillis, periodMillis, id -> {
            if (!stopped) {
                round.run();
            }
        });
        timers.add(timer);
        return timer;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }
}
