package org.coprogram.proposal.proposal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.PlanFixture;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProposalSubmissionTest {

    static final String PROBE = "/api/plans/%s/proposals";
    static final String BARI = "072006";
    static final String LECCE = "075035";
    static final String AVEZZANO_ABRUZZO = "066006";

    @Inject
    DataSource database;

    EventPublisher publisher;
    UUID consultation;

    /** Once per class, but after Quarkus has started (RestAssured knows the port only then). */
    @BeforeEach
    void openPlanOnce() {
        if (consultation == null) {
            publisher = new EventPublisher();
            consultation = PlanFixture.plan(publisher, "puglia", "CONSULTATION", PROBE);
            awaitPhase(consultation, 201);
        }
    }

    @AfterAll
    void close() {
        publisher.close();
    }

    static String proposal(String title, String theme, String municipality) {
        return """
                {"kind":"PROPOSAL","title":"%s","theme":"%s","municipality":"%s",
                 "body":"Servizi di assistenza domiciliare per anziani soli nei quartieri periferici, con personale formato."}"""
                .formatted(title, theme, municipality);
    }

    @Test
    void citizenSubmitsProposalThatIsListedAndPublishedOnce() {
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            String location = submit("cittadino", proposal("Assistenza domiciliare agli anziani", "anziani", BARI))
                    .statusCode(201)
                    .body("status", equalTo("SUBMITTED"))
                    .body("district", equalTo("BA-BARI"))
                    .body("province", equalTo("BA"))
                    .body("category", equalTo("CITIZEN"))
                    .body("supports", equalTo(0))
                    .extract().header("Location");
            String id = location.substring(location.lastIndexOf('/') + 1);
            assertThat(location).isEqualTo("/api/proposals/" + id);

            given().get(location).then().statusCode(200).body("title", equalTo("Assistenza domiciliare agli anziani"));
            given().queryParam("theme", "anziani").queryParam("province", "BA").queryParam("district", "BA-BARI")
                    .get("/api/plans/" + consultation + "/proposals")
                    .then().statusCode(200).body("items.id", hasItem(id));
            given().queryParam("theme", "poverta").get("/api/plans/" + consultation + "/proposals")
                    .then().body("items.id", not(hasItem(id)));

            List<ConsumerRecord<String, String>> events = topic.await(
                    TopicReader.ofType(ProposalEvents.SUBMITTED, id), 1, Duration.ofSeconds(15), database);
            assertThat(events).hasSize(1);
            ConsumerRecord<String, String> event = events.get(0);
            assertThat(event.key()).isEqualTo(id);
            assertThat(TopicReader.header(event, "ce_planid")).isEqualTo(consultation.toString());
            assertThat(TopicReader.header(event, "ce_source")).isEqualTo("/proposal-service");
            // The Kafka binding carries datacontenttype as the plain content-type header.
            assertThat(TopicReader.header(event, "content-type")).isEqualTo("application/json");
            assertThat(TopicReader.header(event, "ce_type")).isEqualTo(ProposalEvents.SUBMITTED);
            assertThat(TopicReader.header(event, "ce_id")).isNotBlank();
            assertThat(TopicReader.header(event, "ce_time")).isNotBlank();
            assertThat(event.value()).contains("\"author\":\"").doesNotContain("cittadino", "@demo.coprogram");
        }
    }

    @Test
    void organisationRepresentativeSpeaksForItsCategoryOrAsCitizenOnly() {
        // ets' token names no organisation of the registry here (its verified one is demo data:
        // OrganisationRegistryTest covers speaking for one).
        submit("ets", proposal("Rete dei centri antiviolenza provinciali", "poverta", LECCE)).statusCode(201)
                .body("category", equalTo("THIRD_SECTOR"));
        submit("cittadino", proposal("Sportello sindacale per i diritti", "poverta", LECCE)
                .replace("{", "{\"category\":\"TRADE_UNION\",")).statusCode(422)
                .body("violations[0].field", equalTo("category"));
    }

    @Test
    void nobodySpeaksForAnOrganisationTheRegistryDidNotVerifyForThem() {
        String onBehalfOfCaritas = proposal("Mensa diffusa nei quartieri", "poverta", BARI).replace("{",
                "{\"organization\":\"Caritas Diocesana di Bari\",");
        // Neither a district operator nor a representative whose claim names no verified organisation of the registry.
        submit("ambito", onBehalfOfCaritas).statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("organization"));
        submit("ets", onBehalfOfCaritas).statusCode(422).body("violations[0].field", equalTo("organization"));
        submit("ambito", proposal("Mensa diffusa nei quartieri", "poverta", BARI)).statusCode(201)
                .body("organization", equalTo(null));
    }

    static Stream<Arguments> invalidProposals() {
        String valid = proposal("Assistenza domiciliare agli anziani", "anziani", BARI);
        return Stream.of(
                Arguments.of("missing title", valid.replace("\"title\":\"Assistenza domiciliare agli anziani\",", ""),
                        400, "title"),
                Arguments.of("title too short", valid.replace("Assistenza domiciliare agli anziani", "Breve"), 400,
                        "title"),
                Arguments.of("title too long", valid.replace("Assistenza domiciliare agli anziani", "a".repeat(151)),
                        400, "title"),
                Arguments.of("body too short", valid.replaceAll("\"body\":\"[^\"]+\"", "\"body\":\"troppo corto\""),
                        400, "body"),
                Arguments.of("body too long",
                        valid.replaceAll("\"body\":\"[^\"]+\"", "\"body\":\"" + "x".repeat(10_001) + "\""), 400,
                        "body"),
                Arguments.of("unknown theme", valid.replace("\"anziani\"", "\"sport\""), 422, "theme"),
                Arguments.of("municipality of another region", valid.replace(BARI, AVEZZANO_ABRUZZO), 422,
                        "municipality"),
                Arguments.of("municipality not an ISTAT code", valid.replace(BARI, "999999"), 422, "municipality"),
                Arguments.of("municipality malformed", valid.replace(BARI, "Bari"), 400, "municipality"),
                Arguments.of("unknown kind", valid.replace("\"PROPOSAL\"", "\"PETITION\""), 400, "kind"),
                Arguments.of("array for a text", valid.replace("\"anziani\"", "[1]"), 400, "theme"),
                Arguments.of("number for an enum", valid.replace("\"PROPOSAL\"", "5"), 400, "kind"),
                Arguments.of("number for a text",
                        valid.replace("\"Assistenza domiciliare agli anziani\"", "12345678901"), 400, "title"),
                Arguments.of("unknown field", valid.replace("{", "{\"supports\":1000,"), 400, "supports"),
                Arguments.of("malformed JSON", valid.substring(0, 40), 400, "body"),
                Arguments.of("empty body", "", 400, "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidProposals")
    void invalidProposalIsRefusedNamingTheFieldAndChangesNothing(String label, String body, int status, String field) {
        long proposals = count("SELECT count(*) FROM proposal");
        long events = count("SELECT count(*) FROM outbox_event");
        submit("cittadino", body).log().ifValidationFails().statusCode(status).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
        assertThat(count("SELECT count(*) FROM proposal")).isEqualTo(proposals);
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(events);
    }

    @Test
    void proposalsAreRefusedOutsideConsultation() {
        UUID draft = PlanFixture.plan(publisher, "puglia", "DRAFT", PROBE);
        long proposals = count("SELECT count(*) FROM proposal");
        given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON)
                .body(proposal("Assistenza domiciliare agli anziani", "anziani", BARI))
                .post("/api/plans/" + draft + "/proposals")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON)
                .body(proposal("Assistenza domiciliare agli anziani", "anziani", BARI))
                .post("/api/plans/" + UUID.randomUUID() + "/proposals")
                .then().statusCode(404);
        assertThat(count("SELECT count(*) FROM proposal")).isEqualTo(proposals);
    }

    @Test
    void writesNeedAToken() {
        given().contentType(ContentType.JSON).body(proposal("Assistenza domiciliare agli anziani", "anziani", BARI))
                .post("/api/plans/" + consultation + "/proposals")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").contentType(ContentType.JSON)
                .body(proposal("Assistenza domiciliare agli anziani", "anziani", BARI))
                .post("/api/plans/" + consultation + "/proposals").then().statusCode(401);
    }

    @Test
    void replayedPhaseEventChangesNothing() throws Exception {
        UUID planId = UUID.randomUUID();
        UUID toConsultation = UUID.randomUUID();
        publisher.publish(PlanFixture.TOPIC,
                PlanFixture.planEvent(UUID.randomUUID(), PlanFixture.CREATED, planId, "puglia", "DRAFT"));
        publisher.publish(PlanFixture.TOPIC,
                PlanFixture.planEvent(toConsultation, PlanFixture.PHASE_CHANGED, planId, "puglia", "CONSULTATION"));
        PlanFixture.awaitKnown(planId, PROBE);
        awaitPhase(planId, 201);
        publisher.publish(PlanFixture.TOPIC,
                PlanFixture.planEvent(UUID.randomUUID(), PlanFixture.PHASE_CHANGED, planId, "puglia", "SYNTHESIS"));
        awaitPhase(planId, 409);

        // The same event again (same id): already processed, so the plan stays in SYNTHESIS.
        publisher.publish(PlanFixture.TOPIC,
                PlanFixture.planEvent(toConsultation, PlanFixture.PHASE_CHANGED, planId, "puglia", "CONSULTATION"));
        // A later event of the same plan (same key, same partition) proves the replay has been consumed: one the
        // consumer applies (it records only those), to the phase the plan is already in.
        UUID marker = UUID.randomUUID();
        publisher.publish(PlanFixture.TOPIC,
                PlanFixture.planEvent(marker, PlanFixture.PHASE_CHANGED, planId, "puglia", "SYNTHESIS"));
        await("marker event processed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM processed_event WHERE event_id::text = ?",
                        marker.toString()) > 0);
        submitTo(planId).statusCode(409);
    }

    @Test
    void listIsPaginatedAndValidatesItsFilters() {
        for (int i = 0; i < 3; i++) {
            submit("cittadino", proposal("Centro diurno per anziani numero " + i, "anziani", LECCE)).statusCode(201);
        }
        given().queryParam("municipality", LECCE).queryParam("size", 2).queryParam("page", 0)
                .get("/api/plans/" + consultation + "/proposals")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("page", equalTo(0))
                .body("size", equalTo(2));
        given().queryParam("kind", "PETITION").queryParam("sort", "random")
                .get("/api/plans/" + consultation + "/proposals")
                .then().statusCode(400).body("violations.field", hasItem("kind"))
                .body("violations.field", hasItem("sort"));
    }

    private io.restassured.response.ValidatableResponse submit(String user, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .post("/api/plans/" + consultation + "/proposals").then();
    }

    private static io.restassured.response.ValidatableResponse submitTo(UUID planId) {
        return given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON)
                .body(proposal("Assistenza domiciliare agli anziani", "anziani", BARI))
                .post("/api/plans/" + planId + "/proposals").then();
    }

    /** Waits until a submission to {@code planId} answers {@code status} (the phase event has been applied). */
    private static void awaitPhase(UUID planId, int status) {
        await("plan " + planId + " answers " + status).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> submitTo(planId).extract().statusCode() == status);
    }

    private long count(String sql, Object... parameters) {
        return Jdbc.count(database, sql, parameters);
    }
}
