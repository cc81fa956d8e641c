package org.coprogram.survey.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.survey.Surveys;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/me/export/surveys}: the caller's receipts, with the answers of a named questionnaire; of an anonymous
 * one only that an answer was recorded (no response id, time nor answer); nothing of another person.
 */
@Tag("service")
@QuarkusTest
class SurveyExportTest {

    static final String WITH_NOTE = """
            {"title":"Questionario da esportare","description":"","anonymous":%s,"questions":[
              {"id":"nota","type":"SHORT_TEXT","label":"Nota","required":true}]}""";

    @Inject
    DataSource database;

    @Test
    void namedAnswersAreExportedAnonymousOnesAreNotAndNothingOfAnotherPerson() {
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
        String named = Surveys.published(planId, WITH_NOTE.formatted(false));
        String anonymous = Surveys.published(planId, WITH_NOTE.formatted(true));
        String cittadino = Tokens.of("cittadino");
        String ets = Tokens.of("ets");
        String mine = Surveys.respond(cittadino, named, "{\"answers\":{\"nota\":\"nota nominativa della cittadina\"}}",
                null).statusCode(201).extract().path("responseId");
        Surveys.respond(cittadino, anonymous, "{\"answers\":{\"nota\":\"nota anonima della cittadina\"}}", null)
                .statusCode(201);
        String theirs = Surveys.respond(ets, named, "{\"answers\":{\"nota\":\"nota nominativa dell'ente\"}}", null)
                .statusCode(201).extract().path("responseId");

        String body = given().auth().oauth2(cittadino).get("/api/me/export/surveys").then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonPath export = JsonPath.from(body);
        assertThat(export.getString("service")).isEqualTo("survey-service");
        Map<String, Object> namedReceipt = export.getMap("surveyReceipts.find { it.surveyId == '" + named + "' }");
        assertThat(namedReceipt).containsEntry("responseId", mine).containsEntry("anonymous", false);
        assertThat(export.getString("surveyReceipts.find { it.surveyId == '" + named + "' }.answers.nota"))
                .isEqualTo("nota nominativa della cittadina");
        Map<String, Object> anonymousReceipt = export
                .getMap("surveyReceipts.find { it.surveyId == '" + anonymous + "' }");
        assertThat(anonymousReceipt).containsEntry("anonymous", true).containsEntry("responseId", null)
                .containsEntry("submittedAt", null).containsEntry("answers", null);
        assertThat(body).doesNotContain("nota anonima della cittadina", "nota nominativa dell'ente", theirs);

        String etsBody = given().auth().oauth2(ets).get("/api/me/export/surveys").then().statusCode(200).extract()
                .asString();
        assertThat(etsBody).contains(theirs).doesNotContain(mine, anonymous, "della cittadina");
        given().get("/api/me/export/surveys").then().statusCode(401);
    }
}
