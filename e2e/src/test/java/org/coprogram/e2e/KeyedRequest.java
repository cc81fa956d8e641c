package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.coprogram.testing.Tokens;

/**
 * A write a client sends through the gateway with its own Idempotency-Key, so that it can retry it after a timeout or a
 * 503 that was in fact a success. The token is fetched at each send: a retry may come minutes later.
 */
record KeyedRequest(String method, String path, String body, String user, String key) {

    static KeyedRequest post(String path, String body, String user) {
        return new KeyedRequest("POST", path, body, user, UUID.randomUUID().toString());
    }

    static KeyedRequest put(String path, String body, String user) {
        return new KeyedRequest("PUT", path, body, user, UUID.randomUUID().toString());
    }

    HttpResponse<String> send() throws Exception {
        return Consultation.send(method, path, body, Tokens.of(user), Map.of("Idempotency-Key", key));
    }

    /**
     * Sends until the owning service has learnt of the plan from its events (404 or 409 before that: a refused write
     * leaves its key free), and expects {@code status}.
     */
    HttpResponse<String> sendOnceThePlanIsKnown(int status) throws Exception {
        HttpResponse<String> first = await(method + " " + path + " accepted once the service knows the plan")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(this::send, answer -> answer.statusCode() != 404 && answer.statusCode() != 409);
        assertThat(first.statusCode()).as(method + " " + path + " " + first.body()).isEqualTo(status);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).as(path).isEmpty();
        return first;
    }

    /** Sends again with the same key: the first answer, marked as a replay. */
    void assertRetryReplays(HttpResponse<String> first) throws Exception {
        HttpResponse<String> retry = send();
        assertThat(retry.statusCode()).as(method + " " + path + " " + retry.body()).isEqualTo(first.statusCode());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).as(path).contains("true");
        assertThat(retry.headers().firstValue("Location")).as(path).isEqualTo(first.headers().firstValue("Location"));
        assertThat(Consultation.json(retry)).as(path).isEqualTo(Consultation.json(first));
    }

    /** The id a create answered with, which its Location ends with. */
    static String createdId(HttpResponse<String> created) throws Exception {
        String id = Consultation.json(created).path("id").asText();
        assertThat(id).as(created.uri() + " " + created.body()).isNotBlank();
        assertThat(created.headers().firstValue("Location")).as(created.uri().toString())
                .hasValueSatisfying(location -> assertThat(location).endsWith("/" + id));
        return id;
    }
}
