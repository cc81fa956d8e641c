package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Anonymous survey responses count, as responses and as participants, but their words never reach the synthesis: an
 * event as survey-service now sends it has none, and an older one that still has them loses them here.
 */
@Tag("service")
@QuarkusTest
class AnonymousSurveyTextTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MARKER = "Parolarivelatrice";

    @Inject
    DataSource database;

    @Test
    void anonymousResponsesAreCountedWithoutTheirText() throws Exception {
        String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(SynthesisReadModelTest.PLAN).post("/api/plans").then().statusCode(201).extract().path("id");
        UUID surveyId = UUID.randomUUID();
        String hour = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).toString();
        try (EventPublisher publisher = new EventPublisher()) {
            publish(publisher, planId, surveyId, "org.coprogram.survey.published.v1", Map.of("id", surveyId,
                    "planId", planId, "title", "Questionario anonimo", "anonymous", true, "status", "PUBLISHED",
                    "version", 1, "questions", List.of(Map.of("id", "q1", "type", "SINGLE_CHOICE", "label", "Scelta"),
                            Map.of("id", "q2", "type", "LONG_TEXT", "label", "Racconta"))));
            // As survey-service sends it now: the choice only.
            publish(publisher, planId, surveyId, "org.coprogram.survey.response-submitted.v1",
                    response(planId, surveyId, Map.of("q1", "a"), hour));
            // As earlier versions sent it: the words too.
            publish(publisher, planId, surveyId, "org.coprogram.survey.response-submitted.v1",
                    response(planId, surveyId, Map.of("q1", "b", "q2", MARKER + " del mio quartiere, via Roma 3"),
                            hour));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .get("/api/plans/" + planId + "/synthesis").then().statusCode(200).extract().jsonPath()
                .getLong("totals.surveyResponses") == 2);

        assertThat(given().get("/api/plans/" + planId + "/synthesis").then().extract().jsonPath()
                .getLong("totals.participants")).isEqualTo(2);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM contribution WHERE parent_id = ?::uuid AND body <> ''",
                surveyId.toString()))
                .isZero();
        assertThat(Jdbc.count(database, "SELECT count(*) FROM contribution WHERE body LIKE ?", "%" + MARKER + "%"))
                .isZero();
        assertThat(given().get("/api/plans/" + planId + "/synthesis/clusters").then().statusCode(200).extract()
                .asString()).doesNotContain(MARKER);
    }

    private static Map<String, Object> response(String planId, UUID surveyId, Map<String, Object> answers,
            String hour) {
        return Map.of("surveyId", surveyId, "planId", planId, "responseId", UUID.randomUUID(), "surveyVersion", 1,
                "respondent", UUID.randomUUID().toString().replace("-", ""), "anonymous", true, "answers", answers,
                "profile", Map.of("municipality", "072006", "district", "BA-BARI", "province", "BA", "category",
                        "CITIZEN"),
                "submittedAt", hour);
    }

    private static void publish(EventPublisher publisher, String planId, UUID surveyId, String type,
            Map<String, Object> data) throws Exception {
        // Responses have a topic of their own, which partners cannot read.
        String topic = type.endsWith(".response-submitted.v1") ? "coprogram.survey-responses" : "coprogram.surveys";
        publisher.publish(topic, EventPublisher.event(UUID.randomUUID(), "/survey-service", type, surveyId.toString(),
                planId, JSON.writeValueAsString(data)));
    }
}
