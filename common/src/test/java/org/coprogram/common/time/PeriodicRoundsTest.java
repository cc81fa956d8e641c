package org.coprogram.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

class PeriodicRoundsTest {

    private final Vertx vertx = Vertx.vertx();
    private final PeriodicRounds rounds = new PeriodicRounds(vertx);

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void roundsRunUntilTheShutdownStartsAndTheirTimersAreThenGone() {
        AtomicInteger ran = new AtomicInteger();
        long first = rounds.every(1, 1, ran::incrementAndGet);
        long second = rounds.every(1, 1, ran::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() >= 4);

        rounds.stop(null);

        // cancelTimer answers false for a timer that no longer exists: both were cancelled by the shutdown.
        assertThat(vertx.cancelTimer(first)).isFalse();
        assertThat(vertx.cancelTimer(second)).isFalse();
    }

    @Test
    void nothingIsScheduledOnceTheShutdownHasStarted() {
        rounds.stop(null);

        assertThat(rounds.every(1, 1, () -> {
        })).isEqualTo(-1);
    }
}
