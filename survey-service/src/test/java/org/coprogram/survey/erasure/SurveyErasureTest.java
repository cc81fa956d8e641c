package org.coprogram.survey.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.contracts.Topics;
import org.coprogram.survey.Surveys;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * survey-service forgets a person on an erasure request (docs/privacy.md, "Cancellazione (art. 17)"): their receipts
 * of closed questionnaires and their started records go (an open questionnaire's receipt stays: one answer per
 * person), a named answer keeps its place in the results under a fresh random pseudonym, another person's receipt and
 * answer stay, and a replayed request changes nothing twice.
 */
@Tag("service")
@QuarkusTest
class SurveyErasureTest {

    private static final String SIMPLE = """
            {"title":"Questionario da dimenticare","description":"","anonymous":%s,"questions":[
              {"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio","required":true,
               "options":[{"id":"sad","label":"Assistenza domiciliare"},{"id":"cd","label":"Centro diurno"}]}]}""";
    private static final String ANSWER = "{\"answers\":{\"servizio\":\"sad\"}}";

    @Inject
    DataSource database;

    @Test
    void erasureDeletesClosedQuestionnairesReceiptsAndStartedRecordsAndRenamesTheNamedAnswerOnly() throws Exception {
        List<String> tokens = TestUsers.tokens("erasure-survey", 2);
        String erased = tokens.get(0);
        String other = tokens.get(1);
        try (EventPublisher publisher = new EventPublisher()) {
            UUID planId = Surveys.openPlan(publisher, database);
            String named = Surveys.published(planId, SIMPLE.formatted(false));
            String anonymous = Surveys.published(planId, SIMPLE.formatted(true));
            String response = Surveys.respond(erased, named, ANSWER, null).statusCode(201).extract()
                    .path("responseId");
            Surveys.respond(erased, anonymous, ANSWER, null).statusCode(201);
            String othersResponse = Surveys.respond(other, named, ANSWER, null).statusCode(201).extract()
                    .path("responseId");
            // A questionnaire the person opened and never answered: its closing-soon record names the account.
            String opened = Surveys.published(planId, SIMPLE.formatted(true));
            given().auth().oauth2(erased).post("/api/surveys/" + opened + "/started").then().statusCode(204);
            Surveys.close(named);
            String pseudonym = pseudonymOf(response);
            String othersPseudonym = pseudonymOf(othersResponse);
            long responses = Jdbc.count(database, "SELECT count(*) FROM response WHERE survey_id = ?::uuid", named);
            UUID erasureId = UUID.randomUUID();
            UUID eventId = UUID.randomUUID();

            // A request from any service but proposal-service is no request: a compromised service erases nobody.
            // (A probe on the same key, from the right source, shows it was read.)
            UUID forged = UUID.randomUUID();
            publisher.publish(Topics.ERASURE, EventPublisher.event(UUID.randomUUID(), "/notification-service",
                    ErasureEvents.REQUESTED, forged.toString(), "", data(forged, accountOf(erased))));
            UUID firstProbe = UUID.randomUUID();
            publisher.publish(Topics.ERASURE, EventPublisher.event(UUID.randomUUID(), "/proposal-service",
                    ErasureEvents.REQUESTED, forged.toString(), "", data(firstProbe, "nessuno-" + firstProbe)));
            awaitCompletion(firstProbe);
            assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE subject = ?", forged.toString()))
                    .isZero();
            given().auth().oauth2(erased).get("/api/me/survey-receipts?size=100").then().statusCode(200)
                    .body("total", equalTo(2));

            publisher.publish(Topics.ERASURE, request(eventId, erasureId, accountOf(erased)));
            awaitCompletion(erasureId);

            // The closed questionnaire's receipt goes; the open one's stays, the only guard of one answer per person.
            given().auth().oauth2(erased).get("/api/me/survey-receipts?size=100").then().statusCode(200)
                    .body("total", equalTo(1)).body("items.surveyId", hasItem(anonymous));
            Surveys.respond(erased, anonymous, ANSWER, null).statusCode(409);
            assertThat(Jdbc.count(database, "SELECT count(*) FROM survey_started WHERE account_id = ?",
                    accountOf(erased))).isZero();
            given().auth().oauth2(other).get("/api/me/survey-receipts?size=100").then().statusCode(200)
                    .body("items.surveyId", hasItem(named));
            assertThat(Jdbc.count(database, "SELECT count(*) FROM response WHERE survey_id = ?::uuid", named))
                    .isEqualTo(responses);
            assertThat(pseudonymOf(response)).isNotEqualTo(pseudonym).hasSize(pseudonym.length());
            assertThat(pseudonymOf(othersResponse)).isEqualTo(othersPseudonym);
            assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE payload LIKE ?",
                    "%" + accountOf(erased) + "%")).isZero();

            // The same event again, then a probe on the same key: once the probe is answered, the replay was read.
            publisher.publish(Topics.ERASURE, request(eventId, erasureId, accountOf(erased)));
            UUID probe = UUID.randomUUID();
            publisher.publish(Topics.ERASURE, EventPublisher.event(UUID.randomUUID(), "/proposal-service",
                    ErasureEvents.REQUESTED, erasureId.toString(), "", data(probe, "nessuno-" + probe)));
            awaitCompletion(probe);
            assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?",
                    ErasureEvents.COMPLETED, erasureId.toString())).isEqualTo(1);
        }
    }

    private String pseudonymOf(String response) {
        return Jdbc.text(database, "SELECT pseudonym FROM response WHERE id = ?::uuid", response);
    }

    private void awaitCompletion(UUID erasureId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?", ErasureEvents.COMPLETED,
                erasureId.toString()) == 1);
    }

    /** The token's subject: survey-service never stores it, so the test reads it where the service does. */
    private static String accountOf(String token) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(payload).path("sub").asText();
    }

    private static io.cloudevents.CloudEvent request(UUID eventId, UUID erasureId, String account) {
        return EventPublisher.event(eventId, "/proposal-service", ErasureEvents.REQUESTED, erasureId.toString(), "",
                data(erasureId, account));
    }

    private static String data(UUID erasureId, String account) {
        return """
                {"erasureId":"%s","accountId":"%s","contributions":"PSEUDONYMOUS","requestedAt":"%s"}"""
                .formatted(erasureId, account, OffsetDateTime.now());
    }
}
