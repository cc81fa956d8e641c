package org.coprogram.survey.response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.survey.Surveys;
import org.coprogram.survey.survey.SurveyEvents;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;

@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseValidationTest {

    static final String VALID = """
            "servizio":"sad","bisogni":["casa"],"soddisfazione":4,"priorita":["anziani","poverta","disabili"],
            "nota":"Più ore","racconto":"Servirebbe più assistenza a casa.","eta":67,"comune":"072006\"""";

    @Inject
    DataSource database;

    UUID planId;
    /** The survey the refusals go to: no response is ever stored for it. */
    String surveyId;

    /** Once per class, lazily: RestAssured knows the port only once Quarkus has started. */
    @BeforeEach
    void publishSurvey() {
        if (surveyId != null) {
            return;
        }
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
        surveyId = Surveys.published(planId, Surveys.EVERY_TYPE.formatted(false));
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("unknown question", "\"servizio\":\"cd\",\"ignota\":\"x\"", "answers.ignota"),
                Arguments.of("choice of the wrong type", "\"servizio\":3", "answers.servizio"),
                Arguments.of("option not offered", "\"servizio\":\"altro\"", "answers.servizio"),
                Arguments.of("several options for a single choice", "\"servizio\":[\"cd\"]", "answers.servizio"),
                Arguments.of("required missing", "\"bisogni\":[\"casa\"]", "answers.servizio"),
                Arguments.of("too many selections", "\"servizio\":\"cd\",\"bisogni\":[\"casa\",\"lavoro\",\"cura\"]",
                        "answers.bisogni"),
                Arguments.of("repeated selection", "\"servizio\":\"cd\",\"bisogni\":[\"casa\",\"casa\"]",
                        "answers.bisogni"),
                Arguments.of("selection not offered", "\"servizio\":\"cd\",\"bisogni\":[\"svago\"]", "answers.bisogni"),
                Arguments.of("selections not a list", "\"servizio\":\"cd\",\"bisogni\":\"casa\"", "answers.bisogni"),
                Arguments.of("scale above its end", "\"servizio\":\"sad\",\"soddisfazione\":6",
                        "answers.soddisfazione"),
                Arguments.of("scale below its start", "\"servizio\":\"sad\",\"soddisfazione\":0",
                        "answers.soddisfazione"),
                Arguments.of("scale not an integer", "\"servizio\":\"sad\",\"soddisfazione\":3.5",
                        "answers.soddisfazione"),
                Arguments.of("shown question required", "\"servizio\":\"sad\"", "answers.soddisfazione"),
                Arguments.of("answer to a hidden question", "\"servizio\":\"cd\",\"soddisfazione\":4",
                        "answers.soddisfazione"),
                Arguments.of("ranking incomplete", "\"servizio\":\"cd\",\"priorita\":[\"anziani\",\"poverta\"]",
                        "answers.priorita"),
                Arguments.of("ranking repeats",
                        "\"servizio\":\"cd\",\"priorita\":[\"anziani\",\"anziani\",\"poverta\"]",
                        "answers.priorita"),
                Arguments.of("ranking with an option not offered",
                        "\"servizio\":\"cd\",\"priorita\":[\"anziani\",\"poverta\",\"casa\"]", "answers.priorita"),
                Arguments.of("short text too long", "\"servizio\":\"cd\",\"nota\":\"" + "x".repeat(51) + "\"",
                        "answers.nota"),
                Arguments.of("text of the wrong type", "\"servizio\":\"cd\",\"nota\":42", "answers.nota"),
                Arguments.of("long text too short", "\"servizio\":\"cd\",\"racconto\":\"breve\"", "answers.racconto"),
                Arguments.of("number above its bound", "\"servizio\":\"cd\",\"eta\":130", "answers.eta"),
                Arguments.of("number below its bound", "\"servizio\":\"cd\",\"eta\":13.5", "answers.eta"),
                Arguments.of("number as text", "\"servizio\":\"cd\",\"eta\":\"trenta\"", "answers.eta"),
                Arguments.of("number beyond any double", "\"servizio\":\"cd\",\"eta\":1e400", "answers.eta"),
                Arguments.of("municipality of another region", "\"servizio\":\"cd\",\"comune\":\"066049\"",
                        "answers.comune"),
                Arguments.of("municipality not an ISTAT code", "\"servizio\":\"cd\",\"comune\":\"Bari\"",
                        "answers.comune"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void badAnswerIsRefusedNamingTheQuestionAndStoresNothing(String rule, String answers, String field) {
        Surveys.respond(Tokens.of("cittadino"), surveyId, "{\"answers\":{" + answers + "}}", null)
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
        assertThat(storedResponses()).isZero();
    }

    @Test
    void answersThatAreNotAnObjectAreRefused() {
        Surveys.respond(Tokens.of("cittadino"), surveyId, "{\"answers\":[\"sad\"]}", null).statusCode(400)
                .body("violations[0].field", equalTo("answers"));
        Surveys.respond(Tokens.of("cittadino"), surveyId, "{}", null).statusCode(400)
                .body("violations[0].field", equalTo("answers"));
        assertThat(storedResponses()).isZero();
    }

    @Test
    void profileMunicipalityOutsideThePlanRegionIsRefused() {
        Surveys.respond(Tokens.of("cittadino"), surveyId,
                "{\"answers\":{\"servizio\":\"cd\"},\"municipality\":\"" + Surveys.L_AQUILA + "\"}", null)
                .statusCode(422).body("violations[0].field", equalTo("municipality"));
        assertThat(storedResponses()).isZero();
    }

    @Test
    void malformedIdempotencyKeyIsRefused() {
        Surveys.respond(Tokens.of("cittadino"), surveyId, "{\"answers\":{\"servizio\":\"cd\"}}", "due parole")
                .statusCode(400).body("violations[0].field", equalTo("Idempotency-Key"));
        assertThat(storedResponses()).isZero();
    }

    @Test
    void anonymousCallerCannotAnswer() {
        given().contentType("application/json").body("{\"answers\":{\"servizio\":\"cd\"}}")
                .post("/api/surveys/" + surveyId + "/responses").then().statusCode(401);
        assertThat(storedResponses()).isZero();
    }

    /** On a survey of its own, so that the accepted response is the only row and the only event. */
    @Test
    void validResponseIsTheOnlyOneStoredAndTheOnlyEvent() {
        String own = Surveys.published(planId, Surveys.EVERY_TYPE.formatted(false));
        List<ConsumerRecord<String, String>> events;
        try (TopicReader topic = TopicReader.fromNow(SurveyEvents.RESPONSES_TOPIC)) {
            Surveys.respond(Tokens.of("ets"), own, "{\"answers\":{" + VALID + "}}", null).statusCode(201)
                    .body("responseId", notNullValue());
            events = topic.await(TopicReader.ofType(SurveyEvents.RESPONSE_SUBMITTED, own), 1,
                    Duration.ofSeconds(20), database);
        }
        assertThat(events).hasSize(1);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM response WHERE survey_id::text = ?", own)).isEqualTo(1);
        assertThat(events.get(0).value()).contains("\"soddisfazione\":4", "\"category\":\"THIRD_SECTOR\"",
                "\"province\":\"BA\"", "\"district\":\"BA-BARI\"");
    }

    private long storedResponses() {
        return Jdbc.count(database, "SELECT count(*) FROM response WHERE survey_id::text = ?", surveyId)
                + Jdbc.count(database, "SELECT count(*) FROM respondent WHERE survey_id::text = ?", surveyId);
    }
}
