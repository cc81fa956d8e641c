package org.coprogram.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** What every create retried with the same Idempotency-Key must show (common/idempotency). */
public final class Replays {

    private Replays() {
    }

    /** Both answers are the one 201 with the same Location and id; only the retry says it is a replay. */
    public static void assertSameCreated(ExtractableResponse<Response> first, ExtractableResponse<Response> retry) {
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
    }
}
