package org.coprogram.common.sql;

import java.time.Duration;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/** The statement of {@link TransactionLimits}: PostgreSQL's three timeouts, for the current transaction only. */
final class TransactionLimitsRepository {

    static final String SET = "SELECT set_config('statement_timeout', :statement, true),"
            + " set_config('lock_timeout', :lock, true),"
            + " set_config('idle_in_transaction_session_timeout', :idle, true)";

    private TransactionLimitsRepository() {
    }

    static Uni<Void> set(Mutiny.Session session, Duration statement, Duration lock, Duration idle) {
        return session.createNativeQuery(SET, Object[].class).setParameter("statement", millis(statement))
                .setParameter("lock", millis(lock)).setParameter("idle", millis(idle)).getResultList()
                .replaceWithVoid();
    }

    /** PostgreSQL's form: milliseconds, as text; 0 turns the limit off. */
    static String millis(Duration limit) {
        return Long.toString(limit.toMillis());
    }
}
