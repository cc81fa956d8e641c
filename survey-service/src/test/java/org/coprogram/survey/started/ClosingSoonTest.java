package org.coprogram.survey.started;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.contracts.Topics;
import org.coprogram.survey.Surveys;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.PersonalEventRows;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * "A survey closing soon that you started" (docs/notifications.md): opening the form while signed in records the
 * survey and the account and nothing else; when the questionnaire closes within the lead time, the job records exactly
 * one {@code SURVEY_CLOSING_SOON} personal event per person who started and did not answer, none for those who
 * answered (named or anonymous), none twice however often it runs, none on a public topic.
 */
@Tag("service")
@QuarkusTest
class ClosingSoonTest {

    static final String SURVEY = """
            {"title":"Questionario in chiusura","description":"","anonymous":%s,"closesAt":"%s","questions":[
              {"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio","required":true,
               "options":[{"id":"sad","label":"Assistenza domiciliare"},{"id":"cd","label":"Centro diurno"}]}]}""";
    static final String ANSWER = "{\"answers\":{\"servizio\":\"sad\"}}";

    @Inject
    DataSource database;

    @Inject
    ClosingSoonJob job;

    @AfterEach
    void resetClock() {
        MovableClock.INSTANCE.reset();
    }

    @Test
    void whoeverStartedAndDidNotAnswerIsToldOnceWhenTheSurveyClosesSoonAndNobodyElse() {
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
        OffsetDateTime closesAt = OffsetDateTime.now(MovableClock.INSTANCE).plusDays(5);
        String named = Surveys.published(planId, SURVEY.formatted(false, closesAt));
        String anonymous = Surveys.published(planId, SURVEY.formatted(true, closesAt));

        for (String survey : new String[]{named, anonymous}) {
            start("cittadino", survey).statusCode(204);
            start("cittadino", survey).statusCode(204);
            start("ets", survey).statusCode(204);
            Surveys.respond(Tokens.of("ets"), survey, ANSWER, null).statusCode(201);
            start("ambito", survey).statusCode(204);
        }
        // Someone who answered without having opened the form through the portal is not told either.
        Surveys.respond(Tokens.of("moderatore"), named, ANSWER, null).statusCode(201);
        // Answered: no longer kept.
        assertThat(Jdbc.count(database, "SELECT count(*) FROM survey_started WHERE survey_id::text IN (?, ?)",
                named, anonymous)).isEqualTo(4);

        // Five days before closing: nobody is told yet.
        job.notifyDue().await().atMost(Duration.ofSeconds(30));
        assertThat(closingSoon(named) + closingSoon(anonymous)).isZero();

        // A day before: once per person who started and did not answer, however often the job runs.
        MovableClock.INSTANCE.advance(Duration.ofDays(4));
        job.notifyDue().await().atMost(Duration.ofSeconds(30));
        job.notifyDue().await().atMost(Duration.ofSeconds(30));

        String cittadino = accountOf("cittadino");
        String ambito = accountOf("ambito");
        String ets = accountOf("ets");
        for (String survey : new String[]{named, anonymous}) {
            assertThat(closingSoon(survey)).isEqualTo(2);
            assertThat(closingSoonTo(survey, cittadino)).isOne();
            assertThat(closingSoonTo(survey, ambito)).isOne();
            assertThat(closingSoonTo(survey, ets)).isZero();
        }
        assertThat(closingSoonTo(named, accountOf("moderatore"))).isZero();
        // No account on a public topic, and every personal event as its schema says.
        for (String account : new String[]{cittadino, ambito, ets}) {
            assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic <> ? AND"
                    + " (payload LIKE ? OR subject = ?)", Topics.PERSONAL, "%" + account + "%", account)).isZero();
        }
        assertThat(PersonalEventRows.nonConforming(database)).isEmpty();
        assertThat(Jdbc.text(database, "SELECT payload::jsonb -> 'subject' ->> 'url' FROM outbox_event WHERE topic = ?"
                + " AND payload::jsonb -> 'subject' ->> 'id' = ? LIMIT 1", Topics.PERSONAL, named))
                .isEqualTo("/questionari/" + named);
    }

    @Test
    void onlyASignedInPersonStartsAnOpenPublishedSurvey() {
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
        String open = Surveys.published(planId, SURVEY.formatted(false, OffsetDateTime.now().plusDays(3)));
        String draft = Surveys.create("regione", planId, SURVEY.formatted(false, OffsetDateTime.now().plusDays(3)))
                .statusCode(201).extract().path("id");
        String closed = Surveys.published(planId, SURVEY.formatted(false, OffsetDateTime.now().plusDays(3)));
        Surveys.close(closed);

        given().post("/api/surveys/" + open + "/started").then().statusCode(401);
        given().auth().oauth2(Tokens.ofClient("partner-demo", "partner-demo-secret"))
                .post("/api/surveys/" + open + "/started").then().statusCode(403);
        start("cittadino", draft).statusCode(404).contentType("application/problem+json");
        start("cittadino", closed).statusCode(409).contentType("application/problem+json");
        start("cittadino", UUID.randomUUID().toString()).statusCode(404);
        start("cittadino", "non-un-id").statusCode(404);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM survey_started WHERE survey_id::text IN (?, ?)", draft,
                closed)).isZero();
    }

    @Test
    void closingAQuestionnaireForgetsWhoOpenedItWithoutAnswering() {
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
        String closing = Surveys.published(planId, SURVEY.formatted(false, OffsetDateTime.now().plusDays(3)));
        String open = Surveys.published(planId, SURVEY.formatted(false, OffsetDateTime.now().plusDays(3)));
        for (String survey : new String[]{closing, open}) {
            start("cittadino", survey).statusCode(204);
            start("ambito", survey).statusCode(204);
        }
        Surveys.close(closing);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM survey_started WHERE survey_id::text = ?", closing))
                .isZero();
        assertThat(Jdbc.count(database, "SELECT count(*) FROM survey_started WHERE survey_id::text = ?", open))
                .isEqualTo(2);
    }

    private static io.restassured.response.ValidatableResponse start(String user, String survey) {
        return given().auth().oauth2(Tokens.of(user)).post("/api/surveys/" + survey + "/started").then();
    }

    private long closingSoon(String survey) {
        return Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic = ?"
                + " AND payload::jsonb ->> 'kind' = 'SURVEY_CLOSING_SOON' AND payload::jsonb -> 'subject' ->> 'id' = ?",
                Topics.PERSONAL, survey);
    }

    private long closingSoonTo(String survey, String account) {
        return Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic = ? AND subject = ?"
                + " AND payload::jsonb ->> 'kind' = 'SURVEY_CLOSING_SOON' AND payload::jsonb -> 'subject' ->> 'id' = ?",
                Topics.PERSONAL, account, survey);
    }

    private static String accountOf(String user) {
        String payload = Tokens.of(user).split("\\.")[1];
        String json = new String(java.util.Base64.getUrlDecoder().decode(payload),
                java.nio.charset.StandardCharsets.UTF_8);
        return json.replaceAll("(?s).*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
