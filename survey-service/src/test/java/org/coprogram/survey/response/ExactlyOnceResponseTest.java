package org.coprogram.survey.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.survey.Surveys;
import org.coprogram.survey.survey.SurveyEvents;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.TestUsers;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceResponseTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String SIMPLE = """
            {"title":"Questionario breve","description":"","anonymous":%s,"questions":[
              {"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio","required":true,
               "options":[{"id":"sad","label":"Assistenza domiciliare"},{"id":"cd","label":"Centro diurno"}]},
              {"id":"nota","type":"SHORT_TEXT","label":"Nota"}]}""";

    @Inject
    DataSource database;

    @Inject
    ResponseMixer mixer;

    UUID planId;

    /** Once per class, lazily: RestAssured knows the port only once Quarkus has started. */
    @BeforeEach
    void openPlan() {
        if (planId != null) {
            return;
        }
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
    }

    @Test
    void twoHundredConcurrentSubmissionsFromAHundredPeopleStoreAHundredResponsesAndAHundredEvents() throws Exception {
        List<String> tokens = TestUsers.tokens("participant", 100);
        String surveyId = Surveys.published(planId, SIMPLE.formatted(false));
        try (TopicReader topic = TopicReader.fromNow(SurveyEvents.RESPONSES_TOPIC);
                TopicReader partners = TopicReader.fromNow(SurveyEvents.TOPIC)) {
            answerTwiceEachAtOnce(surveyId, tokens, "key-");

            assertThat(count("SELECT count(*) FROM response WHERE survey_id = ?", surveyId)).isEqualTo(100);
            assertThat(count("SELECT count(*) FROM respondent WHERE survey_id = ?", surveyId)).isEqualTo(100);
            List<ConsumerRecord<String, String>> events = topic.await(
                    TopicReader.ofType(SurveyEvents.RESPONSE_SUBMITTED, surveyId), 100, Duration.ofSeconds(60),
                    database);
            assertThat(events).hasSize(100);
            assertThat(events.stream().map(e -> field(e.value(), "respondent")).distinct()).hasSize(100);
            assertThat(events).allSatisfy(e -> assertThat(e.value()).doesNotContain("participant-", "@test.coprogram"));
            assertThat(partners.await(TopicReader.ofType(SurveyEvents.RESPONSE_SUBMITTED, surveyId), 0,
                    Duration.ZERO, database)).as("responses on the partner-visible topic").isEmpty();
        }
    }

    @Test
    void sameIdempotencyKeyReplaysTheFirstReceiptAndOtherAnswersUnderItAreRefused() {
        String token = TestUsers.tokens("survey-replay", 1).get(0);
        String surveyId = Surveys.published(planId, SIMPLE.formatted(false));
        String body = "{\"answers\":{\"servizio\":\"sad\"}}";
        String responseId = Surveys.respond(token, surveyId, body, "k1").statusCode(201).extract().path("responseId");
        Surveys.respond(token, surveyId, body, "k1").statusCode(200).header("Idempotent-Replayed", "true")
                .body("responseId", equalTo(responseId));
        Surveys.respond(token, surveyId, "{\"answers\":{\"servizio\":\"cd\"}}", "k1").statusCode(422)
                .contentType("application/problem+json");
        Surveys.respond(token, surveyId, body, null).statusCode(409).contentType("application/problem+json");
        assertThat(count("SELECT count(*) FROM response WHERE survey_id = ?", surveyId)).isEqualTo(1);
        assertThat(
                count("SELECT count(*) FROM response WHERE survey_id = ? AND answers->>'servizio' = 'sad'", surveyId))
                .isEqualTo(1);
    }

    @Test
    void twoHundredConcurrentAnonymousSubmissionsFromAHundredPeopleBecomeAHundredResponsesAndEventsOnceMixed()
            throws Exception {
        List<String> tokens = TestUsers.tokens("participant", 100);
        String surveyId = Surveys.published(planId, SIMPLE.formatted(true));
        try (TopicReader topic = TopicReader.fromNow(SurveyEvents.RESPONSES_TOPIC);
                TopicReader partners = TopicReader.fromNow(SurveyEvents.TOPIC)) {
            answerTwiceEachAtOnce(surveyId, tokens, "anon-key-");

            assertThat(count("SELECT count(*) FROM respondent WHERE survey_id = ?", surveyId)).isEqualTo(100);
            // One statement, one snapshot: a scheduled round may be moving rows from one table to the other.
            assertThat(count(
                    "SELECT (SELECT count(*) FROM pending_response WHERE survey_id = ?) + (SELECT count(*) FROM response WHERE survey_id = ?)",
                    surveyId, surveyId)).isEqualTo(100);
            Surveys.close(surveyId);
            Mixing.untilMixed(mixer, database, surveyId, 100);
            assertThat(count("SELECT count(*) FROM outbox_event WHERE subject = ? AND type = ?", surveyId,
                    SurveyEvents.RESPONSE_SUBMITTED)).isEqualTo(100);

            List<ConsumerRecord<String, String>> events = topic.await(
                    TopicReader.ofType(SurveyEvents.RESPONSE_SUBMITTED, surveyId), 100, Duration.ofSeconds(60),
                    database);
            assertThat(events).hasSize(100);
            assertThat(events.stream().map(e -> field(e.value(), "responseId")).distinct()).hasSize(100);
            assertThat(events.stream().filter(e -> answer(e.value(), "servizio").equals("sad"))).hasSize(50);
            assertThat(partners.await(TopicReader.ofType(SurveyEvents.RESPONSE_SUBMITTED, surveyId), 0,
                    Duration.ZERO, database)).as("responses on the partner-visible topic").isEmpty();
        }
    }

    @Test
    void anonymousSurveyKeepsOnePerPersonWithoutStoringOrLinkingTheAccount() throws Exception {
        String token = TestUsers.tokens("survey-anonymous", 1).get(0);
        String account = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
        String surveyId = Surveys.published(planId, SIMPLE.formatted(true));
        String body = "{\"answers\":{\"servizio\":\"cd\",\"nota\":\"Nessun nome qui\"}}";
        try (TopicReader topic = TopicReader.fromNow(SurveyEvents.RESPONSES_TOPIC)) {
            Surveys.respond(token, surveyId, body, "anon-1").statusCode(201).body("anonymous", equalTo(true))
                    .body("responseId", nullValue()).body("submittedAt", nullValue());
            Surveys.respond(token, surveyId, body, "anon-1").statusCode(200).body("responseId", nullValue());
            // No trace of the answers is kept, so other answers under the same key are a replay too, and change nothing.
            Surveys.respond(token, surveyId, "{\"answers\":{\"servizio\":\"sad\"}}", "anon-1").statusCode(200)
                    .header("Idempotent-Replayed", "true").body("responseId", nullValue());
            Surveys.respond(token, surveyId, body, "anon-2").statusCode(409);

            // One person alone never makes a batch: the response waits until the survey closes.
            assertThat(count("SELECT count(*) FROM pending_response WHERE survey_id = ?", surveyId))
                    .isEqualTo(1);
            assertThat(count(
                    "SELECT count(*) FROM respondent WHERE survey_id = ? AND response_id IS NULL AND request_hash IS NULL",
                    surveyId)).isEqualTo(1);
            Surveys.close(surveyId);
            Mixing.untilMixed(mixer, database, surveyId, 1);
            assertThat(count(
                    "SELECT count(*) FROM response WHERE survey_id = ? AND answers->>'servizio' = 'cd' AND answers->>'nota' = 'Nessun nome qui'",
                    surveyId)).isEqualTo(1);

            assertThat(count("SELECT count(*) FROM response r, respondent p WHERE r.survey_id = ?"
                    + " AND p.survey_id = r.survey_id AND (strpos(r::text, ?) > 0 OR strpos(p::text, ?) > 0)",
                    surveyId, account, account)).as("the account id is stored nowhere").isZero();
            assertThat(count(
                    "SELECT count(*) FROM response WHERE survey_id = ? AND date_trunc('hour', submitted_at) <> submitted_at",
                    surveyId)).isZero();

            ConsumerRecord<String, String> event = topic.await(
                    TopicReader.ofType(SurveyEvents.RESPONSE_SUBMITTED, surveyId), 1, Duration.ofSeconds(20),
                    Duration.ZERO).get(0);
            assertThat(event.value()).doesNotContain(account, "survey-anonymous");
            assertThat(event.value()).as("anonymous free text stays in survey-service").doesNotContain("Nessun nome");
            assertThat(answer(event.value(), "servizio")).isEqualTo("cd");
            assertThat(field(event.value(), "anonymous")).isEqualTo("true");
            assertThat(Instant.ofEpochMilli(event.timestamp())).as("the record time is the event's hour")
                    .isEqualTo(OffsetDateTime.parse(TopicReader.header(event, "ce_time")).toInstant())
                    .isEqualTo(OffsetDateTime.parse(field(event.value(), "submittedAt")).toInstant());
        }
    }

    /**
     * Two concurrent requests from each of the hundred people: the first fifty repeat one Idempotency-Key (one 201, one
     * replayed 200 each), the other fifty send two different keys (one 201, one 409 each).
     */
    private void answerTwiceEachAtOnce(String surveyId, List<String> tokens, String keyPrefix) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String first = keyPrefix + i + "-a";
            String second = i < 50 ? first : keyPrefix + i + "-b";
            String body = "{\"answers\":{\"servizio\":\"" + (i % 2 == 0 ? "sad" : "cd") + "\"}}";
            requests.add(HTTP.sendAsync(post(surveyId, tokens.get(i), first, body),
                    HttpResponse.BodyHandlers.ofString()));
            requests.add(HTTP.sendAsync(post(surveyId, tokens.get(i), second, body),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> sameKey = new ArrayList<>();
        List<Integer> otherKey = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            HttpResponse<String> response = requests.get(i).get();
            assertThat(response.statusCode()).as(response.body()).isIn(200, 201, 409);
            (i < 100 ? sameKey : otherKey).add(response.statusCode());
        }
        assertThat(sameKey.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                .isEqualTo(Map.of(201, 50L, 200, 50L));
        assertThat(otherKey.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                .isEqualTo(Map.of(201, 50L, 409, 50L));
    }

    private static String field(String json, String name) {
        try {
            JsonNode node = JSON.readTree(json).path(name);
            return node.asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String answer(String json, String question) {
        try {
            return JSON.readTree(json).path("answers").path(question).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... parameters) {
        return Jdbc.count(database, sql, parameters);
    }

    private static HttpRequest post(String surveyId, String token, String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/surveys/" + surveyId
                + "/responses")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
