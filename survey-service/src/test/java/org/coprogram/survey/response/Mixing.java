package org.coprogram.survey.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import javax.sql.DataSource;

import org.coprogram.testing.Jdbc;

/** Waits, calling the mixer meanwhile, until an anonymous survey's responses have all left the waiting table. */
final class Mixing {

    private Mixing() {
    }

    /**
     * Rounds of the mixer until {@code expected} responses of the survey are stored and none waits. A scheduled round
     * may hold the rows at that moment (the call then skips them), hence the retries rather than one call.
     */
    static void untilMixed(ResponseMixer mixer, DataSource database, String surveyId, long expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            mixer.mixOnce().await().atMost(Duration.ofSeconds(30));
            assertThat(Jdbc.count(database, "SELECT count(*) FROM pending_response WHERE survey_id = ?", surveyId))
                    .isZero();
            assertThat(Jdbc.count(database, "SELECT count(*) FROM response WHERE survey_id = ?", surveyId))
                    .isEqualTo(expected);
        });
    }
}
