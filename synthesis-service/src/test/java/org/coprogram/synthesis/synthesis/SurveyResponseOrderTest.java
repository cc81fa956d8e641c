package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
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
 * A survey's definition (coprogram.surveys) and its responses (coprogram.survey-responses) are on two topics, read by
 * two consumers, so a response may come first: it waits for the definition and keeps its free text.
 */
@Tag("service")
@QuarkusTest
class SurveyResponseOrderTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource database;

    @Test
    void aResponseConsumedBeforeItsSurveysDefinitionKeepsItsText() throws Exception {
        String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(SynthesisReadModelTest.PLAN).post("/api/plans").then().statusCode(201).extract().path("id");
        UUID surveyId = UUID.randomUUID();
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish("coprogram.survey-responses", EventPublisher.event(UUID.randomUUID(), "/survey-service",
                    "org.coprogram.survey.response-submitted.v1", surveyId.toString(), planId,
                    JSON.writeValueAsString(Map.of("surveyId", surveyId, "planId", planId, "responseId",
                            UUID.randomUUID(), "surveyVersion", 1, "respondent", "respondent-order", "anonymous", false,
                            "answers", Map.of("q1", "a", "q2", "Mancano asili nido nel quartiere"), "profile",
                            Map.of("municipality", "072006", "district", "BA-BARI", "province", "BA", "category",
                                    "CITIZEN"),
                            "submittedAt", OffsetDateTime.now().toString()))));
            // The response waits for the definition: nothing is stored without its text meanwhile.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Jdbc.count(database, "SELECT count(*) FROM contribution WHERE parent_id = ?::uuid",
                            surveyId.toString()) == 0);
            publisher.publish("coprogram.surveys", EventPublisher.event(UUID.randomUUID(), "/survey-service",
                    "org.coprogram.survey.published.v1", surveyId.toString(), planId,
                    JSON.writeValueAsString(Map.of("id", surveyId, "planId", planId, "title", "Questionario nominativo",
                            "anonymous", false, "status", "PUBLISHED", "version", 1, "questions",
                            List.of(Map.of("id", "q1", "type", "SINGLE_CHOICE", "label", "Scelta"),
                                    Map.of("id", "q2", "type", "LONG_TEXT", "label", "Racconta"))))));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> Jdbc.count(database,
                "SELECT count(*) FROM contribution WHERE parent_id = ?::uuid", surveyId.toString()) == 1);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM contribution WHERE parent_id = ?::uuid"
                + " AND body = 'Mancano asili nido nel quartiere' AND title = 'Questionario nominativo'",
                surveyId.toString())).isEqualTo(1);
    }
}
