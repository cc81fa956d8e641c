package org.coprogram.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

class DependencyUnavailableTest {

    private static PgException pg(String sqlState) {
        return new PgException("FATAL: the database system is starting up", "FATAL", sqlState, null);
    }

    @Test
    void aDatabaseShuttingDownOrStartingUpIsUnavailableEvenWhenWrapped() {
        assertThat(ProblemMapper.dependencyUnavailable(pg("57P01"))).isTrue();
        assertThat(ProblemMapper.dependencyUnavailable(new CompletionException(pg("57P03")))).isTrue();
    }

    @Test
    void aResetConnectionIsUnavailable() {
        assertThat(ProblemMapper.dependencyUnavailable(
                new IllegalStateException("write failed", new SocketException("Connection reset by peer")))).isTrue();
    }

    @Test
    void aBoundedWriteThatGaveUpWaitingForALockOrAStatementIsUnavailable() {
        assertThat(ProblemMapper.dependencyUnavailable(pg("55P03"))).isTrue();
        assertThat(ProblemMapper.dependencyUnavailable(new CompletionException(pg("57014")))).isTrue();
        // as Hibernate Reactive reports it
        assertThat(ProblemMapper.dependencyUnavailable(new IllegalStateException("lock",
                new java.sql.SQLException("canceling statement due to lock timeout", "55P03")))).isTrue();
    }

    @Test
    void constraintViolationsAndProgrammingErrorsAreNot() {
        assertThat(ProblemMapper.dependencyUnavailable(pg("23505"))).isFalse();
        assertThat(ProblemMapper.dependencyUnavailable(new IllegalStateException("bug"))).isFalse();
    }
}
