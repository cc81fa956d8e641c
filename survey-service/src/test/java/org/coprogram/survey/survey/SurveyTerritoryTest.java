package org.coprogram.survey.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.survey.Surveys;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.PlanFixture;
import org.coprogram.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A questionnaire keeps the territory version it was published with (docs/territories.md): its respondents are placed
 * and its results cut by that version's districts, whatever the plan moves to afterwards, so a move never re-cuts the
 * district slices of a published survey; one published after the move takes the plan's new version.
 */
@Tag("service")
@QuarkusTest
class SurveyTerritoryTest {

    static final String SURVEY = """
            {"title":"Questionario sui territori","description":"","anonymous":false,"questions":[
              {"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio","required":true,
               "options":[{"id":"sad","label":"Assistenza domiciliare"},{"id":"cd","label":"Centro diurno"}]}]}""";
    static final String ANSWER = """
            {"answers":{"servizio":"sad"},"municipality":"%s"}""".formatted(Surveys.BARI);

    @Inject
    DataSource database;

    @Test
    void aPublishedSurveyKeepsItsDistrictsWhenThePlanMovesAndANewOneTakesTheNewVersion() {
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
            move(publisher, planId, 7, "BA-SETTE");
            String before = Surveys.published(planId, SURVEY);
            move(publisher, planId, 8, "BA-OTTO");
            String after = Surveys.published(planId, SURVEY);

            List<String> citizens = TestUsers.tokens("territory-citizen", 2);
            Surveys.respond(citizens.get(0), before, ANSWER, null).statusCode(201);
            Surveys.respond(citizens.get(1), after, ANSWER, null).statusCode(201);

            assertThat(district(before)).isEqualTo("BA-SETTE");
            assertThat(district(after)).isEqualTo("BA-OTTO");
            given().get("/api/surveys/" + before + "/results?district=BA-SETTE").then().statusCode(200);
            given().get("/api/surveys/" + before + "/results?district=BA-OTTO").then().statusCode(400);
            given().get("/api/surveys/" + after + "/results?district=BA-OTTO").then().statusCode(200);
        }
    }

    private void move(EventPublisher publisher, UUID planId, int version, String district) {
        publisher.publish(PlanFixture.TOPIC, PlanFixture.territoryEvent(planId, "puglia", version,
                Map.of(district, List.of(Surveys.BARI))));
        await("plan " + planId + " on version " + version).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> String.valueOf(version).equals(Jdbc.text(database,
                        "SELECT territory_version::text FROM plan_view WHERE id::text = ?", planId.toString())));
    }

    private String district(String surveyId) {
        return Jdbc.text(database, "SELECT district FROM response WHERE survey_id::text = ?", surveyId);
    }
}
