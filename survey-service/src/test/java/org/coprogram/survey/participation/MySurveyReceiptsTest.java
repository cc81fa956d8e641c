package org.coprogram.survey.participation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.survey.Surveys;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * /api/me/survey-receipts: each person sees the questionnaires they answered and no one else's; an anonymous one
 * says only that an answer was recorded (no response id, no time), and no receipt carries answers.
 */
@Tag("service")
@QuarkusTest
class MySurveyReceiptsTest {

    static final String SIMPLE = """
            {"title":"Questionario per la ricevuta","description":"","anonymous":%s,"questions":[
              {"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio","required":true,
               "options":[{"id":"sad","label":"Assistenza domiciliare"},{"id":"cd","label":"Centro diurno"}]}]}""";
    static final String ANSWER = "{\"answers\":{\"servizio\":\"sad\"}}";

    @Inject
    DataSource database;

    @Test
    void eachPersonSeesOnlyTheirOwnReceiptsAndAnAnonymousOneNamesNoResponse() {
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
        String named = Surveys.published(planId, SIMPLE.formatted(false));
        String anonymous = Surveys.published(planId, SIMPLE.formatted(true));
        String onlyEts = Surveys.published(planId, SIMPLE.formatted(false));
        String cittadino = Tokens.of("cittadino");
        String ets = Tokens.of("ets");
        String responseId = Surveys.respond(cittadino, named, ANSWER, null).statusCode(201).extract()
                .path("responseId");
        Surveys.respond(cittadino, anonymous, ANSWER, null).statusCode(201);
        Surveys.respond(ets, onlyEts, ANSWER, null).statusCode(201);

        given().auth().oauth2(cittadino).get("/api/me/survey-receipts?size=100").then().statusCode(200)
                .body("items.surveyId", hasItem(named)).body("items.surveyId", hasItem(anonymous))
                .body("items.surveyId", not(hasItem(onlyEts)))
                .body("items.find { it.surveyId == '" + named + "' }.responseId", equalTo(responseId))
                .body("items.find { it.surveyId == '" + anonymous + "' }.anonymous", equalTo(true))
                .body("items.find { it.surveyId == '" + anonymous + "' }.responseId", nullValue())
                .body("items.find { it.surveyId == '" + anonymous + "' }.submittedAt", nullValue())
                .body("items.find { it.surveyId == '" + named + "' }.answers", nullValue());
        given().auth().oauth2(ets).get("/api/me/survey-receipts?size=100").then().statusCode(200)
                .body("items.surveyId", hasItem(onlyEts)).body("items.surveyId", not(hasItem(named)))
                .body("items.surveyId", not(hasItem(anonymous)));
        given().get("/api/me/survey-receipts").then().statusCode(401);
    }
}
