package org.coprogram.survey.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.coprogram.survey.Surveys;
import org.coprogram.survey.survey.SurveyEvents;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.PlanFixture;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * A retried survey creation with the same Idempotency-Key gets the first answer, never a second draft. A draft
 * publishes no event (survey.published comes with publication), so "once" is checked on the row and the audit trail,
 * and no event may name the survey. The keys live in the service's database (table idempotency_key), not in memory,
 * so the same holds for a retry that reaches the service after a restart or reaches another replica.
 */
@Tag("service")
@QuarkusTest
class IdempotentSurveyCreateTest {

    static UUID plan;

    @Inject
    DataSource database;

    /**
     * As {@link Surveys#openPlan} but with a longer wait: a test run's new consumer group reads coprogram.plans from
     * the start, which on a loaded machine takes longer than the fixture's 30 seconds.
     */
    @BeforeEach
    void planOnce() {
        if (plan == null) {
            UUID id = UUID.randomUUID();
            try (EventPublisher publisher = new EventPublisher()) {
                publisher.publish(PlanFixture.TOPIC,
                        PlanFixture.planEvent(UUID.randomUUID(), PlanFixture.CREATED, id, "puglia", "DRAFT"));
                awaitPhase(id, "DRAFT");
                publisher.publish(PlanFixture.TOPIC, PlanFixture.planEvent(UUID.randomUUID(),
                        PlanFixture.PHASE_CHANGED, id, "puglia", "CONSULTATION"));
                awaitPhase(id, "CONSULTATION");
            }
            plan = id;
        }
    }

    private void awaitPhase(UUID id, String phase) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> Jdbc
                .count(database, "SELECT count(*) FROM plan_view WHERE id = ? AND phase = ?", id, phase) == 1);
    }

    @Test
    void retriedCreationWithSameKeyGivesFirstAnswerAndOneSurvey() {
        String title = uniqueTitle();
        String key = UUID.randomUUID().toString();
        try (TopicReader topic = TopicReader.fromNow(SurveyEvents.TOPIC)) {
            ExtractableResponse<Response> first = create("regione", key, body(title));
            ExtractableResponse<Response> retry = create("regione", key, body(title));

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
            assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            String id = first.path("id");
            assertThat(surveysTitled(title)).isEqualTo(1);
            assertThat(Jdbc.count(database,
                    "SELECT count(*) FROM audit_entry WHERE action = 'survey.create' AND target_id = ?", id))
                    .isEqualTo(1);
            assertThat(topic.await(record -> id.equals(TopicReader.header(record, "ce_subject")), 0,
                    Duration.ZERO, database)).isEmpty();
        }
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String title = uniqueTitle();
        String other = uniqueTitle();
        String key = UUID.randomUUID().toString();
        create("regione", key, body(title));

        ExtractableResponse<Response> refused = create("regione", key, body(other));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<String>path("title")).isEqualTo("Idempotency-Key già usata");
        assertThat(surveysTitled(title)).isEqualTo(1);
        assertThat(surveysTitled(other)).isZero();
    }

    @Test
    void anotherPersonsSameKeyIsAnotherKeyAndNoKeyCreatesAsBefore() {
        // Another staff member of the same region would do; Abruzzo staff may not create here, so the second caller
        // is refused on its own merits, not answered with the first caller's survey.
        String title = uniqueTitle();
        String key = UUID.randomUUID().toString();
        create("regione", key, body(title));
        ExtractableResponse<Response> stranger = create("regione-abruzzo", key, body(title));
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.header("Location")).isNull();

        String plain = uniqueTitle();
        Surveys.create("regione", plan, body(plain)).statusCode(201);
        Surveys.create("regione", plan, body(plain)).statusCode(201);
        assertThat(surveysTitled(title)).isEqualTo(1);
        assertThat(surveysTitled(plain)).isEqualTo(2);
    }

    @Test
    void malformedKeyIsABadRequest() {
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).header("Idempotency-Key", "àè")
                .body(body(uniqueTitle())).post("/api/plans/" + plan + "/surveys").then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"));
    }

    private static ExtractableResponse<Response> create(String user, String key, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/plans/" + plan + "/surveys").then().extract();
    }

    private static String body(String title) {
        return Surveys.EVERY_TYPE.formatted("false").replace("Questionario sui servizi sociali", title);
    }

    private long surveysTitled(String title) {
        return Jdbc.count(database, "SELECT count(*) FROM survey WHERE title = ?", title);
    }

    private static String uniqueTitle() {
        return "Questionario ritentato " + UUID.randomUUID().toString().substring(0, 8);
    }
}
