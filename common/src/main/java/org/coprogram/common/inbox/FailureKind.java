package org.coprogram.common.inbox;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.coprogram.common.problem.ProblemException;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Whether a handler's failure may pass by itself. A transient one (the database or the network away, a lock or
 * serialization conflict) is retried for as long as it lasts: parking the event would only move the outage onto an
 * operator. Anything else is taken as deterministic, the same on every attempt, and the event is eventually parked.
 */
public enum FailureKind {
    TRANSIENT, PERMANENT;

    /**
     * SQLSTATE classes of conditions outside the statement: 08 connection exception, 40 transaction rollback
     * (serialization failure, deadlock), 53 insufficient resources, 57 operator intervention (shutdown, cancel), 58
     * system error.
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "57", "58");
    /**
     * What the Vert.x SQL client says, in a {@link NoStackTraceThrowable} like its pool's timeouts, when a statement's
     * parameters do not fit it: a handler bug, the same on every attempt.
     */
    private static final List<String> STATEMENT_MISUSE = List.of("can not be coerced", "number of parameters");
    /** Causes deeper than this are not looked at (and a cycle ends). */
    private static final int DEPTH = 16;

    /** The kind of {@code failure}: transient if it or any of its causes is. */
    public static FailureKind of(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < DEPTH; depth++, cause = cause.getCause()) {
            if (isTransient(cause)) {
                return TRANSIENT;
            }
        }
        return PERMANENT;
    }

    private static boolean isTransient(Throwable failure) {
        if (failure instanceof PgException pg) {
            String state = pg.getSqlState();
            return state != null && state.length() == 5 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2));
        }
        if (failure instanceof ProblemException problem) {
            return problem.status() == 503;
        }
        // Not every IOException: a JSON parse error is one, and is as deterministic as failures come. SocketException
        // covers a refused connection and a reset one; Vert.x reports a pool or a connection that is gone with the
        // last two.
        return failure instanceof SocketException || failure instanceof SocketTimeoutException
                || failure instanceof UnknownHostException || failure instanceof ClosedChannelException
                || failure instanceof TimeoutException
                || failure instanceof io.smallrye.mutiny.TimeoutException
                || failure instanceof ClosedConnectionException
                || failure instanceof NoStackTraceThrowable && !isStatementMisuse(failure.getMessage());
    }

    private static boolean isStatementMisuse(String message) {
        return message != null && STATEMENT_MISUSE.stream().anyMatch(message::contains);
    }
}
