package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The partner event stream's bounds, against the running platform as deployed (three streams per partner, token
 * revocation checked every 15 seconds): a partner cannot take more than its share of the streams, and a stream lives
 * no longer than the token that opened it. Each test uses partner clients of its own ({@link TestPartners}).
 */
@Tag("e2e")
// One partner-stream class at a time: they count the gateway's open streams, which it caps across partners.
@ResourceLock("partner-event-streams")
class PartnerStreamLimitsE2ETest {

    private static final String STREAM = Platform.GATEWAY + "/api/partner/events?topics=coprogram.plans&group=";
    private static final int PER_PARTNER = 3;
    private static final Duration REVOCATION_CHECK = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** What a stream sent until it ended, and when it ended. */
    record Ended(List<String> lines, long atMillis) {
    }

    @Test
    void aPartnerAtItsCapIsRefusedWhileAnotherPartnerStillOpensAStream() throws Exception {
        String first = TestPartners.token("e2e-partner-a", Duration.ofMinutes(5));
        String second = TestPartners.token("e2e-partner-b", Duration.ofMinutes(5));
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        try {
            for (int i = 0; i < PER_PARTNER; i++) {
                HttpResponse<Stream<String>> stream = open(first, "cap-" + run + "-" + i);
                open.add(stream);
                assertThat(stream.statusCode()).as("stream %d of the first partner", i + 1).isEqualTo(200);
            }

            HttpResponse<Stream<String>> refused = open(first, "cap-" + run + "-" + PER_PARTNER);
            open.add(refused);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            JsonNode problem = problem(refused);
            assertThat(problem.path("status").asInt()).isEqualTo(429);
            assertThat(problem.path("title").asText()).isEqualTo("Troppi flussi aperti");
            assertThat(problem.path("detail").asText()).contains("3 flussi di eventi aperti");

            HttpResponse<Stream<String>> other = open(second, "cap-" + run);
            open.add(other);
            assertThat(other.statusCode()).as("another partner, meanwhile").isEqualTo(200);
            assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
        } finally {
            open.forEach(response -> response.body().close());
        }
    }

    @Test
    void aStreamIsClosedWhenItsTokenExpires() throws Exception {
        String token = TestPartners.token("e2e-partner-expiring", Duration.ofSeconds(10));
        long expiresAt = TestPartners.claims(token).path("exp").asLong() * 1000;

        HttpResponse<Stream<String>> stream = open(token, "expiry-" + System.currentTimeMillis());
        assertThat(stream.statusCode()).isEqualTo(200);
        Ended ended = readToTheEnd(stream, Duration.ofMillis(expiresAt - System.currentTimeMillis() + 10_000));

        // Not before the expiry (the gateway and Keycloak share this machine's clock), and soon after it.
        assertThat(ended.atMillis()).isBetween(expiresAt - 1000, expiresAt + 5000);
        assertThat(ended.lines()).contains(": chiuso: il token di accesso è scaduto");
    }

    @Test
    void aStreamIsClosedWhenItsTokenIsRevokedAndTheTokenOpensNoOther() throws Exception {
        String client = "e2e-partner-revoked";
        String token = TestPartners.token(client, Duration.ofMinutes(5));

        HttpResponse<Stream<String>> stream = open(token, "revoked-" + System.currentTimeMillis());
        assertThat(stream.statusCode()).isEqualTo(200);
        long revokedAt = System.currentTimeMillis();
        TestPartners.revoke(client, token);
        Ended ended = readToTheEnd(stream, REVOCATION_CHECK.plusSeconds(10));

        assertThat(ended.atMillis() - revokedAt).isLessThan(REVOCATION_CHECK.plusSeconds(5).toMillis());
        assertThat(ended.lines()).contains(": chiuso: il token di accesso è stato revocato");
        HttpResponse<Stream<String>> again = open(token, "revoked-again-" + System.currentTimeMillis());
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(problem(again).path("detail").asText()).isEqualTo("Il token di accesso è stato revocato");
    }

    private HttpResponse<Stream<String>> open(String token, String group) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(STREAM + group))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        return http.send(request, HttpResponse.BodyHandlers.ofLines());
    }

    private static JsonNode problem(HttpResponse<Stream<String>> response) throws Exception {
        try (Stream<String> lines = response.body()) {
            return JSON.readTree(String.join("\n", lines.toList()));
        }
    }

    /** Reads the stream until the gateway ends it; fails if it is still open after {@code within}. */
    private static Ended readToTheEnd(HttpResponse<Stream<String>> response, Duration within) throws Exception {
        try (Stream<String> body = response.body()) {
            CompletableFuture<Ended> reading = CompletableFuture.supplyAsync(() -> {
                List<String> lines = new ArrayList<>();
                for (Iterator<String> it = body.iterator(); it.hasNext();) {
                    lines.add(it.next());
                }
                return new Ended(lines, System.currentTimeMillis());
            });
            return reading.get(within.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
