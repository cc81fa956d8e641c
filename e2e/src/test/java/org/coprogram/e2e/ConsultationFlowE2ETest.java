package org.coprogram.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The whole platform as a person and a partner meet it: through the test platform's gateway, with Keycloak tokens,
 * and a plain Kafka consumer on the public topic. Run by {@code ./coprogram test} once the platform is up.
 */
@Tag("e2e")
// Alone: one of its tests stops Kafka, which every other class is using.
@Isolated
class ConsultationFlowE2ETest {

    static final String PROPOSALS = "coprogram.proposals";
    static final String SUBMITTED = "org.coprogram.proposal.submitted.v1";
    static final Path ROOT = Path.of(System.getProperty("coprogram.root", ".."));

    static final String PLAN = """
            {"region":"puglia","title":"Piano di prova end-to-end %s","periodStart":"2026-01-01","periodEnd":"2028-12-31",
             "themes":[{"code":"anziani","label":"Anziani e non autosufficienza"},{"code":"poverta","label":"Povertà e inclusione"}],
             "leps":["dimissioni-protette"]}""";

    static String proposal(String title) {
        return """
                {"kind":"PROPOSAL","title":"%s","theme":"anziani","municipality":"072006",
                 "body":"Potenziare l'assistenza domiciliare integrata per le persone anziane non autosufficienti."}"""
                .formatted(title);
    }

    @BeforeAll
    static void gateway() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = Platform.gatewayPort();
    }

    /** A fresh Puglia plan in consultation; usable from other test classes too (no reliance on {@link #gateway()}). */
    static String openPlan() {
        String planId = given().baseUri(Consultation.GATEWAY).auth().oauth2(Tokens.of("regione"))
                .contentType(ContentType.JSON).body(PLAN.formatted(UUID.randomUUID())).post("/api/plans")
                .then().statusCode(201).extract().path("id");
        given().baseUri(Consultation.GATEWAY).auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body("{\"phase\":\"CONSULTATION\"}")
                .post("/api/plans/" + planId + "/phase").then().statusCode(200).body("phase", equalTo("CONSULTATION"));
        return planId;
    }

    /** Submits until proposal-service has seen the plan open (it learns it from coprogram.plans). */
    static ExtractableResponse<Response> submitWhenOpen(String planId, String body) {
        return await("plan " + planId + " open in proposal-service").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON).body(body)
                        .post("/api/plans/" + planId + "/proposals").then().extract(),
                        response -> response.statusCode() != 404 && response.statusCode() != 409);
    }

    @Test
    void citizenProposalGoesThroughTheGatewayToKafkaExactlyOnce() {
        String planId = openPlan();
        try (TopicReader topic = TopicReader.fromNow(PROPOSALS)) {
            ExtractableResponse<Response> created = submitWhenOpen(planId,
                    proposal("Assistenza domiciliare integrata"));
            assertThat(created.statusCode()).isEqualTo(201);
            String location = created.header("Location");
            String id = created.path("id");
            assertThat(location).isEqualTo("/api/proposals/" + id);

            given().get(location).then().statusCode(200).body("title", equalTo("Assistenza domiciliare integrata"))
                    .body("district", equalTo("BA-BARI"));
            given().queryParam("theme", "anziani").queryParam("province", "BA")
                    .get("/api/plans/" + planId + "/proposals")
                    .then().statusCode(200).body("items.id", hasItem(id)).body("total", equalTo(1));

            List<ConsumerRecord<String, String>> events = Relayed.matching(topic, TopicReader.ofType(SUBMITTED, id), 1,
                    Duration.ofSeconds(20));
            assertThat(events).hasSize(1);
            ConsumerRecord<String, String> event = events.get(0);
            assertThat(UUID.fromString(TopicReader.header(event, "ce_id"))).isNotNull();
            assertThat(TopicReader.header(event, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.header(event, "ce_source")).isEqualTo("/proposal-service");
            assertThat(TopicReader.header(event, "ce_subject")).isEqualTo(id);
            assertThat(TopicReader.header(event, "ce_time")).isNotBlank();
            assertThat(TopicReader.header(event, "ce_planid")).isEqualTo(planId);
            assertThat(TopicReader.header(event, "content-type")).isEqualTo("application/json");
            assertThat(event.key()).isEqualTo(id);
            String accountId = subjectOf(Tokens.of("cittadino"));
            assertThat(event.value()).contains("Assistenza domiciliare integrata")
                    .doesNotContain("cittadino", "@demo.coprogram", accountId);
        }
    }

    @Test
    void acceptedProposalReachesKafkaOnceEvenWhenTheBrokerWasDown() throws Exception {
        String planId = openPlan();
        submitWhenOpen(planId, proposal("Proposta prima del guasto")).statusCode();
        try (TopicReader topic = TopicReader.fromNow(PROPOSALS)) {
            coprogram("kafka-stop");
            String id;
            try {
                ExtractableResponse<Response> created = given().auth().oauth2(Tokens.of("cittadino"))
                        .contentType(ContentType.JSON).body(proposal("Proposta durante il guasto del broker"))
                        .post("/api/plans/" + planId + "/proposals").then().extract();
                assertThat(created.statusCode()).isEqualTo(201);
                id = created.path("id");
                given().get("/api/proposals/" + id).then().statusCode(200);
            } finally {
                coprogram("kafka-start");
            }
            List<ConsumerRecord<String, String>> events = Relayed.matching(topic, TopicReader.ofType(SUBMITTED, id), 1,
                    Duration.ofSeconds(60));
            // One event, one id. A send the broker acknowledged only after the relay's round gave up on it is sent
            // again by the next round (CloudEventProducer.sendInOrder: delivery is at least once), and every consumer
            // drops the copy by its id; a proposal recorded twice would be two ids.
            assertThat(events).isNotEmpty();
            assertThat(events.stream().map(event -> TopicReader.header(event, "ce_id")).distinct()).hasSize(1);
        }
    }

    @Test
    void refusalsAreProblemsAndLeaveNoTrace() {
        String planId = openPlan();
        String valid = submitWhenOpen(planId, proposal("Proposta valida per aprire il piano")).path("id");
        try (TopicReader topic = TopicReader.fromNow(PROPOSALS)) {
            given().contentType(ContentType.JSON).body(proposal("Proposta senza autenticazione"))
                    .post("/api/plans/" + planId + "/proposals")
                    .then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON)
                    .body(proposal("Titolo").replace("072006", "066006"))
                    .post("/api/plans/" + planId + "/proposals")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("title"));
            given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON)
                    .body(proposal("Comune di un'altra regione").replace("072006", "066006"))
                    .post("/api/plans/" + planId + "/proposals")
                    .then().statusCode(422).body("violations.field", hasItem("municipality"));
            given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON)
                    .body("{\"phase\":\"SYNTHESIS\"}")
                    .post("/api/plans/" + planId + "/phase")
                    .then().statusCode(403).contentType("application/problem+json");

            List<ConsumerRecord<String, String>> events = Relayed.matching(topic,
                    record -> planId.equals(TopicReader.header(record, "ce_planid")) && !valid.equals(record.key()), 0,
                    Duration.ZERO);
            assertThat(events).isEmpty();
        }
        given().queryParam("size", 100).get("/api/plans/" + planId + "/proposals").then().body("total", equalTo(1));
        given().get("/api/plans/" + planId).then().body("phase", equalTo("CONSULTATION"));
    }

    private static String subjectOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }

    static void coprogram(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ROOT.resolve("coprogram").toString(), command).inheritIO().start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("coprogram " + command + " finished").isTrue();
        assertThat(process.exitValue()).as("coprogram " + command + " exit code").isZero();
    }

}
