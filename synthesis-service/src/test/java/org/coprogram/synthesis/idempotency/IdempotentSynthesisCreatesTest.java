package org.coprogram.synthesis.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.common.idempotency.IdempotencyKeyPruner;
import org.coprogram.synthesis.monitoring.IndicatorEvents;
import org.coprogram.synthesis.plan.PlanEvents;
import org.coprogram.synthesis.plan.Plans;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.Replays;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Retried creates of plans, indicators and measured values with the same Idempotency-Key get the first answer, never
 * a second record or a second event. The keys live in the service's database (table idempotency_key), not in memory,
 * so the same holds for a retry that reaches the service after a restart or reaches another replica.
 */
@Tag("service")
@QuarkusTest
class IdempotentSynthesisCreatesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String INDICATOR = """
            {"name":"%s","theme":"anziani","unit":"%% over 65","baseline":2.0,"target":%s,"direction":"INCREASE"}""";

    @Inject
    DataSource database;

    @Inject
    IdempotencyKeyPruner pruner;

    @Test
    void retriedPlanCreationWithSameKeyGivesFirstAnswerOnePlanAndOneEvent() {
        String title = unique("Piano ritentato");
        String key = UUID.randomUUID().toString();
        try (TopicReader topic = TopicReader.fromNow(PlanEvents.TOPIC)) {
            ExtractableResponse<Response> first = post("regione", key, "/api/plans", plan(title));
            ExtractableResponse<Response> retry = post("regione", key, "/api/plans", plan(title));

            Replays.assertSameCreated(first, retry);
            assertThat(Jdbc.count(database, "SELECT count(*) FROM plan WHERE title = ?", title)).isEqualTo(1);
            String id = first.path("id");
            assertThat(topic.await(TopicReader.ofType(PlanEvents.CREATED, id), 1, WAIT, database)).hasSize(1);
        }
    }

    @Test
    void samePlanKeyWithAnotherBodyIsRefusedAnotherPersonsKeyIsTheirsAndNoKeyCreatesAsBefore() {
        String title = unique("Piano ritentato");
        String other = unique("Piano diverso");
        String key = UUID.randomUUID().toString();
        post("regione", key, "/api/plans", plan(title));

        ExtractableResponse<Response> refused = post("regione", key, "/api/plans", plan(other));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.<String>path("title")).isEqualTo("Idempotency-Key già usata");
        assertThat(Jdbc.count(database, "SELECT count(*) FROM plan WHERE title = ?", other)).isZero();

        String abruzzo = unique("Piano abruzzese");
        ExtractableResponse<Response> theirs = post("regione-abruzzo", key, "/api/plans",
                plan(abruzzo).replace("\"puglia\"", "\"abruzzo\""));
        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();

        as("regione").body(plan(other)).post("/api/plans").then().statusCode(201);
        as("regione").body(plan(other)).post("/api/plans").then().statusCode(201);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM plan WHERE title = ?", other)).isEqualTo(2);
    }

    @Test
    void retriedIndicatorDefinitionWithSameKeyGivesFirstAnswerOneIndicatorAndOneEvent() {
        String plan = monitoredPlan();
        String name = unique("Indicatore ritentato");
        String key = UUID.randomUUID().toString();
        String path = "/api/plans/" + plan + "/indicators";
        try (TopicReader topic = TopicReader.fromNow(IndicatorEvents.TOPIC)) {
            ExtractableResponse<Response> first = post("regione", key, path, INDICATOR.formatted(name, "4.0"));
            ExtractableResponse<Response> retry = post("regione", key, path, INDICATOR.formatted(name, "4.0"));

            Replays.assertSameCreated(first, retry);
            assertThat(Jdbc.count(database, "SELECT count(*) FROM indicator WHERE name = ?", name)).isEqualTo(1);
            String id = first.path("id");
            assertThat(topic.await(TopicReader.ofType(IndicatorEvents.DEFINED, id), 1, WAIT, database)).hasSize(1);

            ExtractableResponse<Response> refused = post("regione", key, path, INDICATOR.formatted(name, "5.0"));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(Jdbc.count(database, "SELECT count(*) FROM indicator WHERE name = ?", name)).isEqualTo(1);
        }
    }

    @Test
    void retriedMeasurementWithSameKeyPublishesOneEvent() {
        String plan = monitoredPlan();
        String indicator = post("regione", UUID.randomUUID().toString(), "/api/plans/" + plan + "/indicators",
                INDICATOR.formatted(unique("Indicatore misurato"), "4.0")).path("id");
        String path = "/api/plans/" + plan + "/indicators/" + indicator + "/values/BA-BARI/2026";
        String key = UUID.randomUUID().toString();
        try (TopicReader topic = TopicReader.fromNow(IndicatorEvents.TOPIC)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                as("ambito").header("Idempotency-Key", key).body("{\"value\":3.0}").put(path).then()
                        .statusCode(200).body("byDistrict[0].value", equalTo(3.0f));
            }
            as("ambito").header("Idempotency-Key", key).body("{\"value\":3.5}").put(path).then().statusCode(422);
            assertThat(Jdbc.count(database, "SELECT count(*) FROM measurement WHERE indicator_id = ?",
                    UUID.fromString(indicator))).isEqualTo(1);
            assertThat(topic.await(TopicReader.ofType(IndicatorEvents.MEASURED, indicator), 1, WAIT, database))
                    .hasSize(1);
        }
    }

    /**
     * The retention (7 days) is judged by the service's clock (docs/architecture.md, "Time"): keys written 6 and 4 days
     * ago by the database's clock, two days later by the moved clock one is past the retention and the other is not.
     */
    @Test
    void keysOlderThanTheRetentionByTheServicesClockAreForgotten() throws Exception {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        """
                                INSERT INTO idempotency_key (caller, operation, idempotency_key, request_hash, status, created_at)
                                VALUES ('test', 'test.prune', ?, 'h', 201, now() - make_interval(days => ?))""")) {
            insert.setString(1, old);
            insert.setInt(2, 6);
            insert.executeUpdate();
            insert.setString(1, recent);
            insert.setInt(2, 4);
            insert.executeUpdate();
        }
        String count = "SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?";
        pruner.prune().await().atMost(Duration.ofSeconds(10));
        assertThat(Jdbc.count(database, count, old)).as("6 days old, today").isEqualTo(1);

        MovableClock.INSTANCE.advance(Duration.ofDays(2));
        try {
            pruner.prune().await().atMost(Duration.ofSeconds(10));
        } finally {
            MovableClock.INSTANCE.reset();
        }
        assertThat(Jdbc.count(database, count, old)).as("8 days old, two days later").isZero();
        assertThat(Jdbc.count(database, count, recent)).as("6 days old, two days later").isEqualTo(1);
    }

    private static String monitoredPlan() {
        String plan = Plans.pugliaIn("SYNTHESIS");
        Plans.adopt("regione", plan, Plans.DGR).statusCode(200);
        return plan;
    }

    private static ExtractableResponse<Response> post(String user, String key, String path, String body) {
        return as(user).header("Idempotency-Key", key).body(body).post(path).then().extract();
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON);
    }

    private static String plan(String title) {
        return Plans.PUGLIA.replace("Piano di prova", title);
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
