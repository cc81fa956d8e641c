package org.coprogram.common.sql;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Bounds the current Hibernate Reactive transaction in PostgreSQL itself, for the rest of it only ({@code set_config(…,
 * true)} is {@code SET LOCAL}): a statement runs at most {@code statement}, waits for a lock at most {@code lock}, and
 * a transaction left idle for {@code idle} (a request whose work stalled, its client gone) has its session ended by
 * the server, which releases its locks. For writes that hold a lock others queue on (publishing a plan's version, a
 * bulk link): without it an abandoned one could hold the lock until someone terminated its backend
 * (docs/performance.md, "Plan pages"). A timed-out statement or lock wait fails the request as 503, retryable
 * ({@code ProblemMapper}).
 */
@ApplicationScoped
public class TransactionLimits {

    public Uni<Void> apply(Duration statement, Duration lock, Duration idle) {
        return Panache.getSession().flatMap(session -> TransactionLimitsRepository.set(session, statement, lock, idle));
    }
}
