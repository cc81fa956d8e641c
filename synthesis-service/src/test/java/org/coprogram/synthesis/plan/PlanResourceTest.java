package org.coprogram.synthesis.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@Tag("service")
@QuarkusTest
class PlanResourceTest {

    static final String PUGLIA_PLAN = """
            {"region":"puglia","title":"VI Piano Regionale delle Politiche Sociali 2026-2028",
             "periodStart":"2026-01-01","periodEnd":"2028-12-31",
             "themes":[{"code":"poverta","label":"Povertà e inclusione"},{"code":"anziani","label":"Anziani e non autosufficienza"}],
             "leps":["pronto-intervento-sociale","dimissioni-protette"]}""";

    static String createPlan(String user, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .post("/api/plans").then().statusCode(201).extract().path("id");
    }

    @Test
    void regionStaffCreatesPlanInDraftAndItIsPublished() {
        try (TopicReader plans = TopicReader.fromNow(PlanEvents.TOPIC)) {
            String id = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(PUGLIA_PLAN)
                    .post("/api/plans")
                    .then().statusCode(201)
                    .header("Location", startsWith("/api/plans/"))
                    .body("phase", equalTo("DRAFT"))
                    .body("themes[1].label", equalTo("Anziani e non autosufficienza"))
                    .extract().path("id");

            given().get("/api/plans/" + id).then().statusCode(200).body("region", equalTo("puglia"));
            given().queryParam("region", "puglia").queryParam("size", 100).get("/api/plans")
                    .then().statusCode(200).body("items.id", hasItem(id)).body("size", equalTo(100));

            List<ConsumerRecord<String, String>> events = plans.await(
                    TopicReader.ofType(PlanEvents.CREATED, id), 1, Duration.ofSeconds(15), Duration.ofSeconds(1));
            assertThat(events).hasSize(1);
            ConsumerRecord<String, String> event = events.get(0);
            assertThat(event.key()).isEqualTo(id);
            assertThat(TopicReader.header(event, "ce_source")).isEqualTo("/synthesis-service");
            assertThat(TopicReader.header(event, "ce_planid")).isEqualTo(id);
            assertThat(TopicReader.header(event, "ce_specversion")).isEqualTo("1.0");
            assertThat(event.value()).contains("\"phase\":\"DRAFT\"").doesNotContain("regione@");
        }
    }

    @Test
    void phasesMoveOnlyForwardAndEachChangeIsAnEvent() {
        String id = createPlan("regione", PUGLIA_PLAN);
        try (TopicReader plans = TopicReader.fromNow(PlanEvents.TOPIC)) {
            changePhase("regione", id, "SOCIAL_REPORT").statusCode(200).body("phase", equalTo("SOCIAL_REPORT"));
            changePhase("regione", id, "CONSULTATION").statusCode(200).body("phase", equalTo("CONSULTATION"));
            changePhase("regione", id, "SOCIAL_REPORT").statusCode(409)
                    .contentType("application/problem+json");
            changePhase("regione", id, "CONSULTATION").statusCode(409);

            List<ConsumerRecord<String, String>> events = plans.await(
                    TopicReader.ofType(PlanEvents.PHASE_CHANGED, id), 2, Duration.ofSeconds(15), Duration.ofSeconds(1));
            assertThat(events).extracting(ConsumerRecord::value)
                    .satisfiesExactly(
                            first -> assertThat(first).contains("\"phase\":\"SOCIAL_REPORT\"",
                                    "\"previousPhase\":\"DRAFT\""),
                            second -> assertThat(second).contains("\"phase\":\"CONSULTATION\""));
        }
        given().get("/api/plans/" + id).then().body("phase", equalTo("CONSULTATION"));
    }

    @Test
    void onlyRegionStaffOfThePlansRegionMayWrite() {
        given().contentType(ContentType.JSON).body(PUGLIA_PLAN).post("/api/plans")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON).body(PUGLIA_PLAN)
                .post("/api/plans").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("regione-abruzzo")).contentType(ContentType.JSON).body(PUGLIA_PLAN)
                .post("/api/plans").then().statusCode(403);

        String id = createPlan("regione", PUGLIA_PLAN);
        changePhase("cittadino", id, "CONSULTATION").statusCode(403);
        changePhase("regione-abruzzo", id, "CONSULTATION").statusCode(403);
        given().get("/api/plans/" + id).then().body("phase", equalTo("DRAFT"));
    }

    @Test
    void invalidPlanIsRefusedNamingTheFields() {
        String body = """
                {"region":"lazio","title":"x","periodStart":"2026-01-01","periodEnd":"2025-01-01",
                 "themes":[{"code":"Povertà!","label":""}]}""";
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(body).post("/api/plans")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("region"))
                .body("violations.field", hasItem("title"))
                .body("violations.field", hasItem("themes[0].code"))
                .body("violations.field", hasItem("themes[0].label"));

        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(PUGLIA_PLAN.replace("2028-12-31", "2025-12-31")).post("/api/plans")
                .then().statusCode(422).body("violations[0].field", equalTo("periodEnd"));

        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(PUGLIA_PLAN.replace("\"2026-01-01\"", "42")).post("/api/plans")
                .then().statusCode(400).body("violations[0].field", equalTo("periodStart"));

        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{\"region\": ")
                .post("/api/plans").then().statusCode(400).body("violations[0].field", equalTo("body"));

        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{\"phase\":\"LATER\"}")
                .post("/api/plans/" + createPlan("regione", PUGLIA_PLAN) + "/phase")
                .then().statusCode(400).body("violations[0].field", equalTo("phase"));
    }

    @Test
    void unknownPlanIsNotFoundAndPagingIsBounded() {
        given().get("/api/plans/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/plans/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().queryParam("size", 101).get("/api/plans").then().statusCode(400)
                .body("violations[0].field", equalTo("size"));
    }

    private static io.restassured.response.ValidatableResponse changePhase(String user, String id, String phase) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body("{\"phase\":\"" + phase + "\"}").post("/api/plans/" + id + "/phase").then();
    }
}
