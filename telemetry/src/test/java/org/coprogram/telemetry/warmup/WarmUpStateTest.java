package org.coprogram.telemetry.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WarmUpStateTest {

    private static final long START = 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void notReadyWhileTheWarmUpRunsWithinItsBound() {
        WarmUpState state = new WarmUpState(10, START, Duration.ofSeconds(60));
        state.answered(200);

        assertThat(state.phase(START + 59 * SECOND)).isEqualTo(WarmUpState.Phase.RUNNING);
        assertThat(state.ready(START + 59 * SECOND)).isFalse();
        assertThat(state.keepGoing(START + 59 * SECOND)).isTrue();
    }

    @Test
    void readyOnceTheWarmUpFinished() {
        WarmUpState state = new WarmUpState(2, START, Duration.ofSeconds(60));
        state.answered(200);
        state.answered(401);
        state.finish();

        assertThat(state.phase(START + SECOND)).isEqualTo(WarmUpState.Phase.FINISHED);
        assertThat(state.ready(START + SECOND)).isTrue();
        assertThat(state.statuses()).isEqualTo(Map.of(200, 1, 401, 1));
    }

    @Test
    void readyAnywayOnceTheBoundPassedAndTheRunnerStops() {
        WarmUpState state = new WarmUpState(10, START, Duration.ofSeconds(60));

        assertThat(state.phase(START + 60 * SECOND)).isEqualTo(WarmUpState.Phase.BOUND_PASSED);
        assertThat(state.ready(START + 60 * SECOND)).isTrue();
        assertThat(state.keepGoing(START + 60 * SECOND)).isFalse();
    }

    @Test
    void nothingToWarmUpIsReadyAtOnce() {
        assertThat(WarmUpState.none().ready(0)).isTrue();
        assertThat(WarmUpState.none().phase(Long.MAX_VALUE)).isEqualTo(WarmUpState.Phase.FINISHED);
    }

    @Test
    void failedRequestsCountUnderStatusZero() {
        WarmUpState state = new WarmUpState(3, START, Duration.ofSeconds(60));
        state.answered(0);
        state.answered(0);

        assertThat(state.sent()).isEqualTo(2);
        assertThat(state.statuses()).containsEntry(0, 2);
    }
}
