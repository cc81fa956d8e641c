package org.coprogram.survey.results;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.survey.Surveys;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.TestUsers;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * 21 known respondents: 12 citizens of Bari, 3 of Foggia, 6 Third Sector bodies of Bari. Every figure below is worked
 * out by hand from their answers; the threshold is 5.
 */
@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyResultsTest {

    static final String SURVEY = """
            {"title":"Questionario con risultati noti","description":"","anonymous":false,"questions":[
              {"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio","required":true,
               "options":[{"id":"sad","label":"Assistenza domiciliare"},{"id":"cd","label":"Centro diurno"},
                          {"id":"nessuno","label":"Nessuno"}]},
              {"id":"voto","type":"SCALE","label":"Voto","min":1,"max":5},
              {"id":"priorita","type":"RANKING","label":"Priorità",
               "options":[{"id":"a","label":"Povertà"},{"id":"b","label":"Anziani"},{"id":"c","label":"Disabilità"}]},
              {"id":"eta","type":"NUMBER","label":"Età","min":0,"max":120},
              {"id":"testo","type":"SHORT_TEXT","label":"Un'idea"}]}""";
    static final int[] BARI_VOTES = {5, 5, 4, 4, 4, 3, 3, 3, 3, 2, 1, 1};

    @Inject
    DataSource database;

    String surveyId;

    @BeforeEach
    void answerOnce() {
        if (surveyId != null) {
            return;
        }
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
        surveyId = Surveys.published(planId, SURVEY);
        List<String> citizens = TestUsers.tokens("results-citizen", 15);
        List<String> bodies = TestUsers.tokens("results-ets", 6, "THIRD_SECTOR");
        List<Runnable> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String testo = i == 0 ? ",\"testo\":\"=1+1\"" : i < 7 ? ",\"testo\":\"ok\"" : "";
            String body = answers(i < 7 ? "sad" : "cd", BARI_VOTES[i], "\"a\",\"b\",\"c\"", 30, testo,
                    Surveys.BARI);
            String token = citizens.get(i);
            answers.add(() -> Surveys.respond(token, surveyId, body, null).statusCode(201));
        }
        String[] foggia = {"cd", "cd", "nessuno"};
        for (int j = 0; j < 3; j++) {
            String body = answers(foggia[j], 2, "\"b\",\"a\",\"c\"", 60, "", Surveys.FOGGIA);
            String token = citizens.get(12 + j);
            answers.add(() -> Surveys.respond(token, surveyId, body, null).statusCode(201));
        }
        for (int k = 0; k < 6; k++) {
            String body = answers("sad", 5, "\"c\",\"a\",\"b\"", 30, "", Surveys.BARI);
            String token = bodies.get(k);
            answers.add(() -> Surveys.respond(token, surveyId, body, null).statusCode(201));
        }
        answers.subList(0, 16).forEach(Runnable::run);
        assertThat(results("").getInt("respondents")).isEqualTo(16);
        // One more person: the published snapshot stays put for a second and more, so that comparing results before
        // and after cannot single that person out.
        answers.get(16).run();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> results("").getInt("respondents") == 16);
        answers.subList(17, 21).forEach(Runnable::run);
        await("five more people give new results within a second").atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(50)).until(() -> results("").getInt("respondents") == 21);
    }

    static String answers(String servizio, int voto, String ranking, int eta, String testo, String municipality) {
        return """
                {"answers":{"servizio":"%s","voto":%d,"priorita":[%s],"eta":%d%s},"municipality":"%s"}"""
                .formatted(servizio, voto, ranking, eta, testo, municipality);
    }

    @Test
    void wholeSurveyPoolsAnswersFewGaveWithTheNextSmallestAndHidesStatisticsThatWouldSplitThePool() {
        JsonPath r = results("");
        assertThat(r.getInt("respondents")).isEqualTo(21);
        assertThat(r.getBoolean("suppressed")).isFalse();
        assertThat(r.getInt("questions[0].answered")).isEqualTo(21);
        // nessuno = 1 is under 5: pooled with the next smallest, cd = 7, so the pool (8) is not a small count.
        assertThat(cell(r, 0, 0)).isEqualTo("sad=13 61.9");
        assertThat(cell(r, 0, 1)).isEqualTo("cd=hidden");
        assertThat(cell(r, 0, 2)).isEqualTo("nessuno=hidden");
        assertThat(cell(r, 0, 3)).isEqualTo("_altre=8 38.1");
        // Votes 1:2, 2:4, 3:4, 4:3, 5:8: every point under 5 is pooled, and the mean would split the pool.
        assertThat(List.of(cell(r, 1, 0), cell(r, 1, 1), cell(r, 1, 2), cell(r, 1, 3), cell(r, 1, 4), cell(r, 1, 5)))
                .containsExactly("1=hidden", "2=hidden", "3=hidden", "4=hidden", "5=8 38.1", "_altre=13 61.9");
        assertThat((Object) r.get("questions[1].stats")).isNull();
        // b was ranked first by 3 people only; Borda scores add up to a known total, so the ranking is hidden whole.
        assertThat(r.getBoolean("questions[2].answeredSuppressed")).isTrue();
        assertThat((Object) r.get("questions[2].borda")).isNull();
        // Ages 30 (18 people) and 60 (3): mean and median would say how many are 60.
        assertThat((Object) r.get("questions[3].stats.mean")).isNull();
        assertThat(r.getInt("questions[3].answered")).isEqualTo(21);
        assertThat(r.getInt("questions[4].answered")).isEqualTo(7);
    }

    @Test
    void categorySliceIsShownOnlyWhereSubtractingItFromTheWholeLeavesNoSmallCount() {
        JsonPath r = results("?category=THIRD_SECTOR");
        assertThat(r.getInt("respondents")).isEqualTo(6);
        assertThat(cell(r, 0, 0)).isEqualTo("sad=6 100.0");
        assertThat(cell(r, 0, 3)).isEqualTo("_altre=0 0.0");
        // The citizens' votes of 5 are 2: showing the bodies' 6 would give them away.
        assertThat(r.getBoolean("questions[1].answeredSuppressed")).isTrue();
        assertThat(r.getBoolean("questions[2].answeredSuppressed")).isTrue();
        assertThat(r.getInt("questions[4].answered")).isZero();
        assertThat(results("?category=CITIZEN").getInt("respondents")).isEqualTo(15);
    }

    @Test
    void sliceIsSuppressedWhenItIsSmallOrWhenSubtractingItFromItsParentLeavesFewerThanFive() {
        given().get("/api/surveys/" + surveyId + "/results?province=FG").then().statusCode(200)
                .body("suppressed", equalTo(true)).body("respondents", nullValue())
                .body("questions[0].cells", nullValue());
        // Bari has 18 of 21: showing it would reveal the 3 of Foggia.
        given().get("/api/surveys/" + surveyId + "/results?province=BA").then().statusCode(200)
                .body("suppressed", equalTo(true)).body("respondents", nullValue());
        given().get("/api/surveys/" + surveyId + "/results?district=BA-BARI").then().statusCode(200)
                .body("suppressed", equalTo(true));
    }

    @Test
    void slicesCrossingTerritoryAndCategoryAreNotPublished() {
        given().get("/api/surveys/" + surveyId + "/results?province=BA&category=CITIZEN").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", contains("category"));
        given().get("/api/surveys/" + surveyId + "/results?province=FG&district=BA-BARI").then().statusCode(400)
                .body("violations.field", contains("district"));
    }

    @Test
    void unknownFiltersAreRefusedNamingThem() {
        given().get("/api/surveys/" + surveyId + "/results?province=AQ&category=ALIENI").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", contains("province", "category"));
        given().get("/api/surveys/" + UUID.randomUUID() + "/results").then().statusCode(404);
    }

    @Test
    void openDataCsvHoldsTheSameFiguresAndSuppressions() {
        String csv = given().get("/api/surveys/" + surveyId + "/results.csv").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        // Figures are bare numbers, every text is quoted, a suppressed figure is an empty (missing) cell.
        assertThat(csv.lines().findFirst()).contains("\"survey_id\",\"question_id\",\"question_type\","
                + "\"question_label\",\"measure\",\"value\",\"value_label\",\"figure\",\"percent\",\"suppressed\"");
        String survey = "\"" + surveyId + "\"";
        assertThat(csv).contains(survey + ",,,,\"respondents\",,,21,,\"false\"",
                survey + ",\"servizio\",\"SINGLE_CHOICE\",\"Servizio\",\"count\",\"sad\",\"Assistenza domiciliare\",13,"
                        + "61.9,\"false\"",
                survey + ",\"servizio\",\"SINGLE_CHOICE\",\"Servizio\",\"count\",\"cd\",\"Centro diurno\",,,\"true\"",
                survey + ",\"servizio\",\"SINGLE_CHOICE\",\"Servizio\",\"count\",\"_altre\",\"Altre risposte (raggruppate "
                        + "per riservatezza)\",8,38.1,\"false\"",
                survey + ",\"priorita\",\"RANKING\",\"Priorità\",\"answered\",,,,,\"true\"");
    }

    @Test
    void regionStaffExportsOneRowPerResponseWithoutAccountsOrLiveFormulas() {
        String csv = given().auth().oauth2(Tokens.of("regione")).get("/api/surveys/" + surveyId + "/responses.csv")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(22);
        assertThat(lines.get(0)).isEqualTo("\"response_id\",\"respondent\",\"submitted_at\",\"survey_version\","
                + "\"municipality\",\"district\",\"province\",\"category\",\"servizio\",\"voto\",\"priorita\",\"eta\","
                + "\"testo\"");
        // Number answers are bare numbers, choices and texts quoted, an unanswered question an empty cell.
        assertThat(lines).filteredOn(l -> l.contains(",\"071024\",")).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains(",\"FG\",\"CITIZEN\",").endsWith(",2,\"b|a|c\",60,"));
        assertThat(lines).filteredOn(l -> l.contains(",\"THIRD_SECTOR\",\"sad\",5,\"c|a|b\",30,")).hasSize(6);
        assertThat(csv).contains(",\"'=1+1\"").doesNotContain(",\"=1+1", "results-citizen", "results-ets",
                "@test.coprogram");
        given().auth().oauth2(Tokens.of("cittadino")).get("/api/surveys/" + surveyId + "/responses.csv").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("regione-abruzzo")).get("/api/surveys/" + surveyId + "/responses.csv")
                .then().statusCode(403);
        given().get("/api/surveys/" + surveyId + "/responses.csv").then().statusCode(401);
    }

    private JsonPath results(String query) {
        return given().get("/api/surveys/" + surveyId + "/results" + query).then().statusCode(200).extract()
                .jsonPath();
    }

    /** "option=count percent", or "option=hidden" for a suppressed cell (whose count and percent must be null). */
    private static String cell(JsonPath r, int question, int index) {
        String at = "questions[" + question + "].cells[" + index + "].";
        if (r.getBoolean(at + "suppressed")) {
            assertThat((Object) r.get(at + "count")).isNull();
            assertThat((Object) r.get(at + "percent")).isNull();
            return r.getString(at + "value") + "=hidden";
        }
        return r.getString(at + "value") + "=" + r.getInt(at + "count") + " " + r.getString(at + "percent");
    }
}
