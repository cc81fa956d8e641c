package org.coprogram.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.coprogram.common.problem.ProblemException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class FailureKindTest {

    private static PgException sqlState(String state) {
        return new PgException("message", "ERROR", state, null);
    }

    @Test
    void aDatabaseThatIsUnreachableOrShuttingDownIsTransient() {
        assertThat(FailureKind.of(sqlState("08006"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(sqlState("57P01"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(sqlState("53300"))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aSerializationFailureOrDeadlockIsTransient() {
        assertThat(FailureKind.of(sqlState("40001"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(sqlState("40P01"))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aConstraintOrDataErrorIsPermanent() {
        assertThat(FailureKind.of(sqlState("23502"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(sqlState("22P02"))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void connectionsRefusedOrClosedAreTransient() {
        assertThat(FailureKind.of(new ConnectException("Connection refused"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(ClosedConnectionException.INSTANCE)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new NoStackTraceThrowable("Timeout"))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aTransientCauseUnderWrappersIsFound() {
        Throwable wrapped = new HibernateException(new CompletionException(sqlState("08001")));
        assertThat(FailureKind.of(wrapped)).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aDependencyAnswering503IsTransientOtherProblemsAreNot() {
        assertThat(FailureKind.of(new ProblemException(503, "Unavailable", "down", java.util.List.of())))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(ProblemException.notFound("no such plan"))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aHandlerBugOrMalformedDataIsPermanent() {
        assertThat(FailureKind.of(new IllegalArgumentException("Invalid UUID string: ")))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new JsonParseException(null, "Unexpected character")))
                .isEqualTo(FailureKind.PERMANENT);
    }

    /** The texts of vertx-sql-client 4.5's ErrorMessageFactory, which reports them as NoStackTraceThrowable. */
    @Test
    void parametersThatDoNotFitTheStatementArePermanentThoughTheClientReportsThemLikeATimeout() {
        assertThat(FailureKind.of(new NoStackTraceThrowable("Parameter at position[0] with class = [java.lang.String] "
                + "and value = [abc] can not be coerced to the expected class = [java.util.UUID] for encoding.")))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new NoStackTraceThrowable("The number of parameters to execute should be consistent "
                + "with the expected number of parameters = [2] but the actual number is [1].")))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new NoStackTraceThrowable(null))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(FailureKind.of(first)).isEqualTo(FailureKind.PERMANENT);
    }
}
