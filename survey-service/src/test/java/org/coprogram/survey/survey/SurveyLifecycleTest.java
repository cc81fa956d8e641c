package org.coprogram.survey.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.survey.Surveys;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyLifecycleTest {

    static final String ONE_QUESTION = """
            {"title":"Questionario di prova","description":"","anonymous":false,%s"questions":[
              {"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio","required":true,
               "options":[{"id":"sad","label":"Assistenza domiciliare"},{"id":"cd","label":"Centro diurno"}]}]}""";
    static final String ANSWER = "{\"answers\":{\"servizio\":\"sad\"}}";

    @Inject
    DataSource database;

    UUID planId;

    @BeforeEach
    void openPlan() {
        if (planId == null) {
            try (EventPublisher publisher = new EventPublisher()) {
                planId = Surveys.openPlan(publisher, database);
            }
        }
    }

    @Test
    void draftIsCreatedByRegionStaffOfThePlanRegionAndSeenOnlyByThem() {
        Surveys.create("cittadino", planId, ONE_QUESTION.formatted("")).statusCode(403);
        Surveys.create("regione-abruzzo", planId, ONE_QUESTION.formatted("")).statusCode(403)
                .contentType("application/problem+json");
        var created = Surveys.create("regione", planId, ONE_QUESTION.formatted("")).statusCode(201)
                .body("status", equalTo("DRAFT")).body("version", equalTo(1)).extract();
        String id = created.path("id");
        assertThat(created.header("Location")).isEqualTo("/api/surveys/" + id);
        given().get("/api/surveys/" + id).then().statusCode(404);
        given().get("/api/plans/" + planId + "/surveys").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(Tokens.of("regione")).get("/api/surveys/" + id).then().statusCode(200)
                .body("questions[0].options[1].label", equalTo("Centro diurno"));
    }

    /**
     * A draft does not exist for another region's staff: every operation on it answers 404, as GET does, never a 403
     * that would confirm it exists. A published survey is public, so there the refusal is 403.
     */
    @Test
    void anotherRegionsStaffCannotTellADraftExists() {
        String draft = Surveys.create("regione", planId, ONE_QUESTION.formatted("")).statusCode(201).extract()
                .path("id");
        var other = given().auth().oauth2(Tokens.of("regione-abruzzo"));
        other.get("/api/surveys/" + draft).then().statusCode(404);
        given().auth().oauth2(Tokens.of("regione-abruzzo")).contentType("application/json")
                .body(ONE_QUESTION.formatted("")).put("/api/surveys/" + draft).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("Questionario non trovato"));
        for (String action : List.of("publish", "close")) {
            given().auth().oauth2(Tokens.of("regione-abruzzo")).post("/api/surveys/" + draft + "/" + action).then()
                    .statusCode(404).contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.of("regione-abruzzo")).get("/api/surveys/" + draft + "/responses.csv").then()
                .statusCode(404);
        staff().get("/api/surveys/" + draft).then().statusCode(200).body("status", equalTo("DRAFT"));

        String published = Surveys.published(planId, ONE_QUESTION.formatted(""));
        given().auth().oauth2(Tokens.of("regione-abruzzo")).post("/api/surveys/" + published + "/close").then()
                .statusCode(403);
    }

    static Stream<Arguments> malformed() {
        String choice = "{\"id\":\"q1\",\"type\":\"SINGLE_CHOICE\",\"label\":\"Scelta\","
                + "\"options\":[{\"id\":\"a\",\"label\":\"A\"},{\"id\":\"b\",\"label\":\"B\"}]}";
        return Stream.of(
                Arguments.of("repeated question id", "[" + choice + "," + choice + "]", "questions[1].id"),
                Arguments.of("choice with one option",
                        "[{\"id\":\"q1\",\"type\":\"SINGLE_CHOICE\",\"label\":\"S\",\"options\":[{\"id\":\"a\",\"label\":\"A\"}]}]",
                        "questions[0].options"),
                Arguments.of("repeated option", "[{\"id\":\"q1\",\"type\":\"RANKING\",\"label\":\"R\","
                        + "\"options\":[{\"id\":\"a\",\"label\":\"A\"},{\"id\":\"a\",\"label\":\"B\"}]}]",
                        "questions[0].options[1].id"),
                Arguments.of("scale without ends", "[{\"id\":\"q1\",\"type\":\"SCALE\",\"label\":\"Voto\"}]",
                        "questions[0].min"),
                Arguments.of("scale upside down",
                        "[{\"id\":\"q1\",\"type\":\"SCALE\",\"label\":\"Voto\",\"min\":5,\"max\":1}]",
                        "questions[0].max"),
                Arguments.of("maxSelections above the options", "[{\"id\":\"q1\",\"type\":\"MULTIPLE_CHOICE\","
                        + "\"label\":\"M\",\"maxSelections\":3,"
                        + "\"options\":[{\"id\":\"a\",\"label\":\"A\"},{\"id\":\"b\",\"label\":\"B\"}]}]",
                        "questions[0].maxSelections"),
                Arguments.of("options on a text question",
                        "[{\"id\":\"q1\",\"type\":\"SHORT_TEXT\",\"label\":\"T\",\"options\":[{\"id\":\"a\",\"label\":\"A\"}]}]",
                        "questions[0].options"),
                Arguments.of("condition on a later question", "[{\"id\":\"q0\",\"type\":\"SHORT_TEXT\",\"label\":\"T\","
                        + "\"showIf\":{\"question\":\"q1\",\"equals\":\"a\"}}," + choice + "]",
                        "questions[0].showIf.question"),
                Arguments.of("condition on an option not offered", "[" + choice + ",{\"id\":\"q2\","
                        + "\"type\":\"SHORT_TEXT\",\"label\":\"T\",\"showIf\":{\"question\":\"q1\",\"equals\":\"z\"}}]",
                        "questions[1].showIf.equals"),
                Arguments.of("id with spaces", "[{\"id\":\"la domanda\",\"type\":\"SHORT_TEXT\",\"label\":\"T\"}]",
                        "questions[0].id"),
                Arguments.of("no questions", "[]", "questions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedDefinitionIsRefusedNamingTheField(String rule, String questions, String field) {
        long before = Jdbc.count(database, "SELECT count(*) FROM survey");
        Surveys.create("regione", planId, "{\"title\":\"Questionario malformato\",\"anonymous\":false,\"questions\":"
                + questions + "}").statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
        assertThat(Jdbc.count(database, "SELECT count(*) FROM survey")).isEqualTo(before);
    }

    @Test
    void publishingFreezesTheVersionEvenAgainstTheDatabase() throws Exception {
        String id = Surveys.create("regione", planId, ONE_QUESTION.formatted("")).statusCode(201).extract()
                .path("id");
        staff().body(ONE_QUESTION.formatted("").replace("Centro diurno", "Centro diurno per anziani"))
                .put("/api/surveys/" + id).then().statusCode(200).body("version", equalTo(2));
        try (TopicReader topic = TopicReader.fromNow(SurveyEvents.TOPIC)) {
            staff().post("/api/surveys/" + id + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));
            ConsumerRecord<String, String> published = topic.await(TopicReader.ofType(SurveyEvents.PUBLISHED, id), 1,
                    Duration.ofSeconds(20), Duration.ZERO).get(0);
            assertThat(published.value()).contains("\"version\":2", "Centro diurno per anziani");
        }
        staff().body(ONE_QUESTION.formatted("")).put("/api/surveys/" + id).then().statusCode(409)
                .contentType("application/problem+json");
        staff().post("/api/surveys/" + id + "/publish").then().statusCode(409);
        assertThatThrownBy(() -> Jdbc.update(database, "UPDATE survey SET questions = '[]' WHERE id::text = ?", id))
                .hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("frozen");
        given().get("/api/surveys/" + id).then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void closingByHandStopsResponsesAndIsAnnounced() {
        String id = Surveys.published(planId, ONE_QUESTION.formatted(""));
        Surveys.respond(Tokens.of("cittadino"), id, ANSWER, null).statusCode(201);
        try (TopicReader topic = TopicReader.fromNow(SurveyEvents.TOPIC)) {
            given().auth().oauth2(Tokens.of("regione-abruzzo")).post("/api/surveys/" + id + "/close").then()
                    .statusCode(403);
            staff().post("/api/surveys/" + id + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));
            List<ConsumerRecord<String, String>> closed = topic.await(TopicReader.ofType(SurveyEvents.CLOSED, id), 1,
                    Duration.ofSeconds(20), Duration.ZERO);
            assertThat(closed.get(0).value()).contains("\"reason\":\"BY_HAND\"");
        }
        Surveys.respond(Tokens.of("ets"), id, ANSWER, null).statusCode(409).contentType("application/problem+json");
        staff().post("/api/surveys/" + id + "/close").then().statusCode(409);
    }

    @Test
    void surveyClosesItselfWhenItsClosingDatePasses() {
        OffsetDateTime closesAt = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        try (TopicReader topic = TopicReader.fromNow(SurveyEvents.TOPIC)) {
            String id = Surveys.published(planId, ONE_QUESTION.formatted("\"closesAt\":\"" + closesAt + "\","));
            List<ConsumerRecord<String, String>> closed = topic.await(TopicReader.ofType(SurveyEvents.CLOSED, id), 1,
                    Duration.ofSeconds(30), Duration.ZERO);
            assertThat(closed).hasSize(1);
            assertThat(closed.get(0).value()).contains("\"reason\":\"DEADLINE\"");
            given().get("/api/surveys/" + id).then().body("status", equalTo("CLOSED"));
            Surveys.respond(Tokens.of("cittadino"), id, ANSWER, null).statusCode(409);
        }
    }

    @Test
    void aSurveyPastItsClosingByTheServiceClockAcceptsNoAnswers() {
        OffsetDateTime closesAt = OffsetDateTime.now(MovableClock.INSTANCE).plusDays(1);
        String id = Surveys.published(planId, ONE_QUESTION.formatted("\"closesAt\":\"" + closesAt + "\","));
        Surveys.respond(Tokens.of("cittadino"), id, ANSWER, null).statusCode(201);

        MovableClock.INSTANCE.advance(Duration.ofDays(2));

        Surveys.respond(Tokens.of("ets"), id, ANSWER, null).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Il questionario è chiuso: non accetta più risposte"));
        assertThat(Jdbc.count(database, "SELECT count(*) FROM respondent WHERE survey_id::text = ?", id)).isOne();
    }

    @AfterEach
    void resetClock() {
        MovableClock.INSTANCE.reset();
    }

    private static RequestSpecification staff() {
        return given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON);
    }
}
