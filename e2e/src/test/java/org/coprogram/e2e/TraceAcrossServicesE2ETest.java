package org.coprogram.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.coprogram.contracts.EventTypes;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Distributed tracing (issue #29, docs/operations.md "Tracing"): a proposal submitted through the gateway is one trace
 * in the platform's trace backend (Zipkin's HTTP API), from the gateway's request through proposal-service, the
 * outbox relay's publication and synthesis-service's consumer, each hop the child of the one before, the Kafka hop
 * through the record's CloudEvents {@code traceparent}. The test opens the trace itself (its own sampled
 * {@code traceparent} on the request), so it finds it by id among whatever else the backend holds.
 */
@Tag("e2e")
class TraceAcrossServicesE2ETest {

    private static final String TRACES = System.getProperty("coprogram.e2e.traces", "http://127.0.0.1:9411");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aProposalIsOneTraceFromTheGatewayThroughTheRelayAndKafkaToTheSynthesisConsumer() {
        String planId = ConsultationFlowE2ETest.openPlan();
        String traceId = randomHex(16);
        String clientSpanId = randomHex(8);
        String title = "Traccia " + UUID.randomUUID();
        String token = Tokens.of("cittadino");

        ExtractableResponse<Response> created = await("plan " + planId + " open in proposal-service")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().baseUri(Platform.GATEWAY).auth().oauth2(token)
                        .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                        .contentType(ContentType.JSON).body(ConsultationFlowE2ETest.proposal(title))
                        .post("/api/plans/" + planId + "/proposals").then().extract(),
                        response -> response.statusCode() != 404 && response.statusCode() != 409);
        assertThat(created.statusCode()).as(created.body().asString()).isEqualTo(201);

        // Spans leave each service in its own batches (every 2 s), in no order between services: the trace is complete
        // once the gateway's, proposal-service's and synthesis-service's spans are all in.
        List<JsonNode> trace = await("trace " + traceId + " in " + TRACES + " from the gateway to synthesis-service")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> spans(traceId), spans -> synthesisConsumer(spans).isPresent()
                        && spans.stream().anyMatch(span -> from(span, "gateway"))
                        && spans.stream().anyMatch(span -> from(span, "proposal-service")
                                && "PRODUCER".equals(span.path("kind").asText()))
                        && spans.stream().anyMatch(span -> from(span, "proposal-service")
                                && "SERVER".equals(span.path("kind").asText())));

        // One gateway server span per attempt (the POST is retried until proposal-service knows the plan is open), all
        // children of the client's span; the 201's request continues one of them.
        List<String> gateway = trace.stream().filter(span -> from(span, "gateway")
                && "SERVER".equals(span.path("kind").asText()) && clientSpanId.equals(span.path("parentId").asText()))
                .map(span -> span.path("id").asText()).toList();
        assertThat(gateway).as("the gateway's server spans in " + trace).isNotEmpty();
        JsonNode proposalRequest = only(trace, span -> from(span, "proposal-service")
                && "SERVER".equals(span.path("kind").asText()) && "201".equals(tag(span, "http.response.status_code")),
                "proposal-service's server span of the 201");
        assertThat(ancestors(trace, proposalRequest)).as("proposal-service's request continues the gateway's")
                .containsAnyElementsOf(gateway);

        JsonNode relay = only(trace, span -> from(span, "proposal-service")
                && "PRODUCER".equals(span.path("kind").asText())
                && EventTypes.PROPOSAL_SUBMITTED.equals(tag(span, "cloudevents.event_type")),
                "the relay's producer span of the proposal's event");
        assertThat(ancestors(trace, relay)).as("the relay's span is a descendant of the request that wrote the row")
                .contains(proposalRequest.path("id").asText());

        JsonNode consumer = synthesisConsumer(trace).orElseThrow();
        assertThat(consumer.path("parentId").asText()).as("the consumer continues the record's traceparent")
                .isEqualTo(relay.path("id").asText());
        assertThat(tag(consumer, "cloudevents.event_id")).isEqualTo(tag(relay, "cloudevents.event_id"));

        // No personal data in the trace: not the account, not the free text, not the token.
        String all = trace.toString();
        assertThat(all).doesNotContain(subjectOf(token), title, token.substring(token.length() - 20), "cittadino");
    }

    private static Optional<JsonNode> synthesisConsumer(List<JsonNode> spans) {
        return spans.stream().filter(span -> from(span, "synthesis-service")
                && "CONSUMER".equals(span.path("kind").asText())
                && EventTypes.PROPOSAL_SUBMITTED.equals(tag(span, "cloudevents.event_type"))).findFirst();
    }

    /** The trace's spans as Zipkin's API returns them; none while it knows no span of it. */
    private static List<JsonNode> spans(String traceId) throws Exception {
        HttpResponse<String> response = HTTP
                .send(HttpRequest.newBuilder(URI.create(TRACES + "/api/v2/trace/" + traceId))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return List.of();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> spans = new ArrayList<>();
        JSON.readTree(response.body()).forEach(spans::add);
        return spans;
    }

    /** The service of a span: the module's name, or the test platform's (proposal-service.e2e …). */
    private static boolean from(JsonNode span, String module) {
        String service = span.path("localEndpoint").path("serviceName").asText();
        return service.equals(module) || service.startsWith(module + ".");
    }

    private static String tag(JsonNode span, String name) {
        JsonNode value = span.path("tags").path(name);
        return value.isMissingNode() ? null : value.asText();
    }

    private static JsonNode only(List<JsonNode> spans, java.util.function.Predicate<JsonNode> which, String what) {
        List<JsonNode> found = spans.stream().filter(which).toList();
        assertThat(found).as(what + " in " + spans).isNotEmpty();
        return found.get(0);
    }

    /** The ids of a span's parent, its parent's parent … as far as the trace holds them. */
    private static List<String> ancestors(List<JsonNode> spans, JsonNode span) {
        List<String> ids = new ArrayList<>();
        String parent = span.path("parentId").asText(null);
        while (parent != null && !ids.contains(parent)) {
            ids.add(parent);
            String id = parent;
            parent = spans.stream().filter(s -> id.equals(s.path("id").asText())).findFirst()
                    .map(s -> s.path("parentId").asText(null)).orElse(null);
        }
        return ids;
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String subjectOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
