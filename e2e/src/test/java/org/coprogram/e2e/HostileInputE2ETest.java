package org.coprogram.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.coprogram.e2e.partner.ExamplePartnerConsumer;
import org.coprogram.testing.OutboxDrain;
import org.coprogram.testing.TestNamespace;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Hostile input through the gateway on every write operation of the aggregated OpenAPI: malformed JSON, wrong types,
 * bodies over the limit, very long strings, deep nesting, Unicode edge cases (RTL override, zero-width, emoji, NUL),
 * SQL and script injection, invalid ISTAT codes, a wrong content type. Whatever the answer, it is never a 5xx; a
 * refused request (4xx) changes nothing that partners can see: no event reaches any public topic (checked after
 * every request, once every service's outbox has relayed what was committed: {@link Published}).
 */
@Tag("e2e")
// Alone: it compares totals of every event published, which another class's writes would move.
@Isolated
class HostileInputE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NASTY = "'; DROP TABLE proposal; -- <script>alert(1)</script> \u202Egnp.exe\u200B "
            + "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \u0000 fine";

    /** What an error must not show: stack traces, class or package names, the libraries and the database. */
    private static final Pattern INTERNALS = Pattern.compile("(?i)(exception|\\bat [a-z]+\\.[a-z]+\\.|org\\.coprogram"
            + "|java\\.(lang|util|time)|io\\.(vertx|quarkus|smallrye|netty)|hibernate|jackson|jdbc|\\bsql|postgres"
            + "|stack ?trace)");

    private static String planId;
    private static String proposalId;
    private static String surveyId;
    private static String meetingId;

    @BeforeAll
    static void fixtures() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = Platform.gatewayPort();
        planId = ConsultationFlowE2ETest.openPlan();
        proposalId = ConsultationFlowE2ETest.submitWhenOpen(planId, ConsultationFlowE2ETest.proposal("Da attaccare"))
                .path("id");
        // Survey- and meeting-service learn the plan from its events: create once they know it.
        surveyId = createdOnceKnown("/api/plans/" + planId + "/surveys", """
                {"title":"Questionario da attaccare","description":"prova","anonymous":false,
                 "questions":[{"id":"q1","type":"SHORT_TEXT","label":"Che cosa manca?","required":true}]}""");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).withNano(0);
        meetingId = createdOnceKnown("/api/plans/" + planId + "/meetings", """
                {"type":"TERRITORIAL","title":"Incontro da attaccare","description":"prova","themes":["anziani"],
                 "municipality":"072006","address":"Via Roma 1, Bari","startsAt":"%s","endsAt":"%s","capacity":30}"""
                .formatted(start, start.plusHours(2)));
    }

    private static String createdOnceKnown(String path, String body) {
        return await(path + " accepted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(body)
                        .post(path).then().extract(), response -> response.statusCode() == 201)
                .path("id");
    }

    @Test
    void noWriteOperationAnswersHostileInputWithA5xxOrEmitsAnEventForARefusedRequest() throws Exception {
        JsonNode openApi = JSON.readTree(given().get("/openapi.json").then().statusCode(200).extract().asString());
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int requests = 0;
        try (Published published = new Published()) {
            long before = published.drained();
            for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (String method : List.of("post", "put", "delete")) {
                    if (!path.getValue().has(method)) {
                        continue;
                    }
                    String url = concrete(path.getKey());
                    for (Map.Entry<String, Body> hostile : corpus().entrySet()) {
                        Response response = request(role(path.getKey()), hostile.getValue())
                                .request(method.toUpperCase(), url);
                        requests++;
                        int status = response.statusCode();
                        statuses.merge(status, 1, Integer::sum);
                        String where = method.toUpperCase() + " " + path.getKey() + " with " + hostile.getKey();
                        // Everything committed so far, this request's effects included, is now on its topic.
                        long after = published.drained();
                        if (status >= 500) {
                            failures.add(where + ": " + status + " " + response.asString());
                        }
                        if (status >= 400 && status < 500) {
                            if (!response.contentType().startsWith("application/problem+json")) {
                                failures.add(where + ": " + status + " is not problem+json");
                            }
                            Matcher internal = INTERNALS.matcher(response.asString());
                            if (internal.find()) {
                                failures.add(where + ": " + status + " names internals (" + internal.group() + "): "
                                        + response.asString());
                            }
                            if (after != before) {
                                failures.add(where + ": refused with " + status + " but " + (after - before)
                                        + " events were published");
                            }
                        }
                        before = after;
                    }
                }
            }
        }

        System.out.println("hostile requests: " + requests + ", statuses: " + statuses);
        assertThat(requests).as("hostile requests sent").isGreaterThan(200);
        // Most must reach the services' own validation, not stop at authentication or routing.
        assertThat(statuses.getOrDefault(400, 0) + statuses.getOrDefault(422, 0)).as("statuses " + statuses)
                .isGreaterThan(requests / 3);
        assertThat(failures).isEmpty();
    }

    @Test
    void acceptedHostileTextComesBackExactlyAsWritten() {
        String title = "Titolo \u202Eal contrario\u202C \u200B <b>grassetto</b> ' OR 1=1 -- \uD83D\uDE00";
        String body = "Corpo con <script>alert('x')</script>, \"virgolette\", \\barre\\ e l'apostrofo.";
        String created = ConsultationFlowE2ETest.submitWhenOpen(planId, """
                {"kind":"IDEA","title":%s,"theme":"anziani","municipality":"072006","body":%s}"""
                .formatted(JSON.valueToTree(title), JSON.valueToTree(body))).path("id");

        JsonNode stored = JSON.valueToTree(given().get("/api/proposals/" + created).then().statusCode(200).extract()
                .as(Map.class));
        assertThat(stored.path("title").asText()).isEqualTo(title);
        assertThat(stored.path("body").asText()).isEqualTo(body);
    }

    /** A hostile request body and its content type. */
    record Body(String contentType, String text) {
    }

    private static Map<String, Body> corpus() {
        Map<String, Body> corpus = new LinkedHashMap<>();
        corpus.put("malformed JSON", new Body("application/json", "{\"title\": \"senza fine"));
        corpus.put("not JSON", new Body("application/json", "ciao, non sono JSON"));
        corpus.put("a JSON array", new Body("application/json", "[1,2,3]"));
        corpus.put("JSON null", new Body("application/json", "null"));
        corpus.put("wrong types", new Body("application/json", """
                {"title":123,"body":true,"theme":[],"municipality":{},"kind":7,"phase":[],"status":{},
                 "answers":"tutte","capacity":"molti","startsAt":42,"questions":"nessuna","text":[1]}"""));
        corpus.put("a body over the limit", new Body("application/json",
                "{\"title\":\"" + "x".repeat(1_100_000) + "\"}"));
        corpus.put("a very long string", new Body("application/json",
                "{\"kind\":\"IDEA\",\"title\":\"" + "é".repeat(200_000)
                        + "\",\"theme\":\"anziani\",\"municipality\":\"072006\","
                        + "\"body\":\"x\",\"text\":\"" + "é".repeat(200_000) + "\",\"reason\":\"SPAM\"}"));
        corpus.put("deep nesting", new Body("application/json",
                "{\"title\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
        corpus.put("unicode edge cases and injections", new Body("application/json", """
                {"kind":"PROPOSAL","title":%1$s,"body":%1$s,"theme":"anziani","municipality":"072006","text":%1$s,
                 "reason":"OTHER","note":%1$s,"summary":%1$s,"status":"ACCEPTED","phase":"SYNTHESIS"}"""
                .formatted(JSON.valueToTree(NASTY))));
        corpus.put("an invalid ISTAT code", new Body("application/json",
                """
                        {"kind":"PROPOSAL","title":"Comune inesistente","body":"Prova","theme":"anziani","municipality":"999999",
                         "type":"TERRITORIAL","description":"x","themes":["anziani"],"address":"x","capacity":5,
                         "startsAt":"2030-01-01T10:00:00+01:00","endsAt":"2030-01-01T12:00:00+01:00"}"""));
        corpus.put("an unknown enum value", new Body("application/json",
                """
                        {"kind":"PETIZIONE","phase":"CHAOS","status":"FORSE","action":"ERASE","reason":"NOIA","type":"PARTY"}"""));
        corpus.put("a wrong content type", new Body("text/plain", "title=ciao"));
        return corpus;
    }

    private static RequestSpecification request(String user, Body body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(body.contentType()).body(body.text())
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** A user allowed to call the operation, so that the request reaches the service's validation. */
    private static String role(String template) {
        if (template.contains("/moderation")) {
            return "moderatore";
        }
        if (template.contains("/social-reports")) {
            return "ambito";
        }
        if (template.startsWith("/api/proposals/{id}") && !template.endsWith("/answer")
                || template.endsWith("/proposals") || template.endsWith("/registrations")
                || template.endsWith("/registrations/me") || template.endsWith("/responses")) {
            return "cittadino";
        }
        return "regione";
    }

    private static String concrete(String template) {
        String id = template.startsWith("/api/proposals/")
                ? proposalId
                : template.startsWith("/api/surveys/")
                        ? surveyId
                        : template.startsWith("/api/meetings/") ? meetingId : UUID.randomUUID().toString();
        return template.replace("{planId}", planId).replace("{id}", id).replace("{districtCode}", "BA-BARI")
                .replace("{region}", "puglia").replace("{period}", "2026").replace("{indicatorId}",
                        UUID.randomUUID().toString())
                .replace("{editId}", UUID.randomUUID().toString()).replace("{version}", "1")
                .replace("{username}", "nessuno")
                // Any other identifier (a link, a measure, a comment, a follow's type): one that does not exist.
                .replaceAll("\\{[A-Za-z]+\\}", UUID.randomUUID().toString());
    }

    /**
     * The summed end offsets of the public topics, read once every service's outbox relay has handed to Kafka every
     * event committed so far ({@link OutboxDrain}). Every event reaches a topic through a service's outbox: a request
     * writes its events in its own transaction, committed before it is answered, and no consumer or job of the
     * platform writes one in the background for an earlier request (the read-model rebuild publishes nothing). So the
     * total after a drain counts everything every request answered so far caused, and nothing can still be on its way
     * from an earlier one: comparing two drained totals around one request is deterministic, with no quiet period.
     */
    static final class Published implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final List<TopicPartition> partitions;
        private final List<OneConnection> outboxes = Platform.services().keySet().stream().sorted()
                .map(Platform::database).map(OneConnection::new).toList();

        Published() {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.BOOTSTRAP);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(config);
            partitions = ExamplePartnerConsumer.PUBLIC_TOPICS.stream().map(TestNamespace::topic)
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
        }

        /** The total once every outbox row committed before this call is on its topic. */
        long drained() {
            outboxes.forEach(OutboxDrain::await);
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void close() throws SQLException {
            consumer.close();
            for (OneConnection outbox : outboxes) {
                outbox.close();
            }
        }
    }
}
