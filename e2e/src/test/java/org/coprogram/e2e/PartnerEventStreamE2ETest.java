package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.coprogram.contracts.EventTypes;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Server-Sent Events bridge for partners without Kafka, through the gateway, over the events the run produced. */
@Tag("e2e")
// One partner-stream class at a time: they count the gateway's open streams, which it caps across partners.
@ResourceLock("partner-event-streams")
class PartnerEventStreamE2ETest {

    static final URI STREAM = URI.create(Platform.GATEWAY + "/api/partner/events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One SSE event as the stream framed it. */
    record Sse(String id, String event, JsonNode data) {
    }

    /**
     * The test makes the events it reads (a plan opened, then a proposal on it) instead of counting on what other
     * tests left on the topics: on a fresh platform it may run first.
     */
    @Test
    void aPartnerReceivesCloudEventsAndAReconnectionResumesAfterWhatWasSent() throws Exception {
        String partner = Tokens.ofClient("partner-demo", "partner-demo-secret");
        String planId = ConsultationFlowE2ETest.openPlan();
        String topics = "coprogram.plans,coprogram.proposals&group=e2e-" + UUID.randomUUID();

        List<Sse> first = read(http, partner, topics, events -> has(events, planId, EventTypes.PLAN_PHASE_CHANGED),
                Duration.ofSeconds(60));

        assertThat(first).extracting(Sse::event).contains(EventTypes.PLAN_CREATED);
        assertThat(has(first, planId, EventTypes.PLAN_PHASE_CHANGED)).isTrue();
        for (Sse sse : first) {
            assertThat(sse.data().path("specversion").asText()).isEqualTo("1.0");
            assertThat(sse.data().path("id").asText()).isEqualTo(sse.id());
            assertThat(sse.data().path("type").asText()).isEqualTo(sse.event());
            assertThat(sse.data().path("planid").asText()).isNotEmpty();
            assertThat(sse.data().path("data").isObject()).isTrue();
            assertThat(sse.event()).matches("org\\.coprogram\\.(plan|proposal)\\.[a-z-]+\\.v1");
        }

        Consultation.createdOnceInConsultation(() -> Consultation.send("POST", "/api/plans/" + planId + "/proposals",
                Consultation.PROPOSAL, Tokens.of("cittadino")));
        List<Sse> resumed = read(http, partner, topics,
                events -> has(events, planId, EventTypes.PROPOSAL_SUBMITTED), Duration.ofSeconds(60));

        assertThat(has(resumed, planId, EventTypes.PROPOSAL_SUBMITTED)).isTrue();
        assertThat(resumed).extracting(Sse::id).doesNotContainAnyElementsOf(first.stream().map(Sse::id).toList());
    }

    private static boolean has(List<Sse> events, String planId, String type) {
        return events.stream().anyMatch(sse -> sse.event().equals(type)
                && sse.data().path("planid").asText().equals(planId));
    }

    @Test
    void theStreamIsForPartnersOnlyAndForPublicTopicsOnly() throws Exception {
        assertThat(status(null, "")).isEqualTo(401);
        assertThat(status(Tokens.of("cittadino"), "")).isEqualTo(403);
        assertThat(status(Tokens.of("regione"), "")).isEqualTo(403);
        String partner = Tokens.ofClient("partner-demo", "partner-demo-secret");
        assertThat(status(partner, "?topics=coprogram.internal")).isEqualTo(400);
        assertThat(status(partner, "?group=Not%20A%20Name")).isEqualTo(400);
    }

    private int status(String token, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(STREAM + query))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return response.statusCode();
    }

    /**
     * Reads events until {@code enough} holds for those read or {@code within} passes, then disconnects.
     * {@code query} is what follows {@code ?topics=}.
     */
    static List<Sse> read(HttpClient http, String token, String query, Predicate<List<Sse>> enough, Duration within)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(STREAM + "?topics=" + query))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        // The previous stream of this partner may still be closing on the server: one stream per partner at a time.
        // One attempt may itself take the server's own bounds (a busy broker's group check asked again for 15 s, then
        // up to 30 s for the group's partitions) before it answers, as on a fresh broker under the parallel tier.
        HttpResponse<Stream<String>> response = await("the partner's previous stream closed")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    HttpResponse<Stream<String>> attempt = http.send(request, HttpResponse.BodyHandlers.ofLines());
                    if (attempt.statusCode() == 409) {
                        attempt.body().close();
                    }
                    return attempt;
                }, attempt -> attempt.statusCode() != 409);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<Sse> events = new CopyOnWriteArrayList<>();
        try (Stream<String> lines = response.body()) {
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                String id = null;
                String event = null;
                StringBuilder data = new StringBuilder();
                for (Iterator<String> it = lines.iterator(); it.hasNext() && !enough.test(events);) {
                    String line = it.next();
                    if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        // as an EventSource does: the data lines of one event joined by line breaks
                        try {
                            events.add(new Sse(id, event, JSON.readTree(data.toString())));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        data.setLength(0);
                    }
                }
            });
            try {
                reading.get(within.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException timedOut) {
                // not enough arrived in time: return what did
            }
        }
        return List.copyOf(events);
    }
}
