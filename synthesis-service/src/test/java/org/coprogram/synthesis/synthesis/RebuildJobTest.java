package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.synthesis.readmodel.RebuildConfig;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A rebuild is a job: the request that starts it answers at once (202, the job and where to follow it), the job reports
 * records read per topic and its result, and one runs at a time in the deployment.
 */
@Tag("service")
@QuarkusTest
class RebuildJobTest {

    static final List<String> TOPICS = List.of("coprogram.proposals", "coprogram.surveys",
            "coprogram.survey-responses", "coprogram.meetings", "coprogram.synthesis",
            "coprogram-restricted.social-reports");

    @Inject
    DataSource database;

    @Inject
    RebuildConfig config;

    @Test
    void aRebuildAnswersAtOnceAndItsJobReportsProgressAndResult() {
        String planId = plan();
        var started = given().auth().oauth2(Tokens.of("regione")).post(rebuild(planId)).then().statusCode(202)
                .contentType(ContentType.JSON).body("status", equalTo("running")).body("planId", equalTo(planId))
                .extract();
        String location = started.header("Location");
        assertThat(location).isEqualTo(rebuild(planId) + "/" + started.path("id"));

        JsonPath done = finished(location);

        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getInt("events")).isZero();
        assertThat(done.getLong("version")).isZero();
        assertThat(done.getMap("progress").keySet()).containsExactlyElementsOf(TOPICS);
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE action = 'synthesis.rebuild'"
                + " AND target_id = ? AND details = '0 eventi'", planId)).isEqualTo(1);
    }

    @Test
    void aSecondRebuildWhileOneRunsIsAConflict() {
        String planId = plan();
        UUID running = UUID.randomUUID();
        noneRunning();
        Jdbc.update(database, "INSERT INTO rebuild_job (id, plan_id, requested_by, status, started_at, updated_at)"
                + " VALUES (?, ?, 'test', 'running', now(), now())", running, UUID.randomUUID());
        try {
            given().auth().oauth2(Tokens.of("regione")).post(rebuild(planId)).then().statusCode(409)
                    .contentType("application/problem+json");
        } finally {
            Jdbc.update(database, "UPDATE rebuild_job SET status = 'failed' WHERE id = ?", running);
        }
    }

    /**
     * Staleness is judged by the service's clock (docs/architecture.md, "Time"): the job's last heartbeat is recent by
     * the database's clock too, so only the moved clock can make it stale.
     */
    @Test
    void aRunningJobWhoseHeartbeatIsOlderThanTheStaleWindowByTheServicesClockNoLongerBlocksAndIsMarkedFailed() {
        String planId = plan();
        UUID stale = UUID.randomUUID();
        noneRunning();
        Jdbc.update(database, "INSERT INTO rebuild_job (id, plan_id, requested_by, status, started_at, updated_at)"
                + " VALUES (?, ?::uuid, 'test', 'running', now(), now())", stale, planId);
        String location;
        try {
            given().auth().oauth2(Tokens.of("regione")).post(rebuild(planId)).then().statusCode(409);

            MovableClock.INSTANCE.advance(config.staleAfter().plusMinutes(1));
            location = given().auth().oauth2(Tokens.of("regione")).post(rebuild(planId)).then().statusCode(202)
                    .extract().header("Location");
        } finally {
            MovableClock.INSTANCE.reset();
            Jdbc.update(database, "UPDATE rebuild_job SET status = 'failed' WHERE id = ? AND status = 'running'",
                    stale);
        }

        JsonPath old = given().auth().oauth2(Tokens.of("regione")).get(rebuild(planId) + "/" + stale).then()
                .statusCode(200).extract().jsonPath();
        assertThat(old.getString("status")).isEqualTo("failed");
        assertThat(old.getString("error")).isNotBlank();
        assertThat(finished(location).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void onlyThePlansRegionStaffFollowsAJobAndOnlyUnderItsPlan() {
        String planId = plan();
        String location = given().auth().oauth2(Tokens.of("regione")).post(rebuild(planId)).then().statusCode(202)
                .extract().header("Location");
        String jobId = location.substring(location.lastIndexOf('/') + 1);
        try {
            given().get(location).then().statusCode(401);
            given().auth().oauth2(Tokens.of("cittadino")).get(location).then().statusCode(403);
            given().auth().oauth2(Tokens.of("regione-abruzzo")).get(location).then().statusCode(403);
            given().auth().oauth2(Tokens.of("regione")).get(rebuild(plan()) + "/" + jobId).then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(Tokens.of("regione")).get(rebuild(planId) + "/" + UUID.randomUUID()).then()
                    .statusCode(404);
            given().auth().oauth2(Tokens.of("regione")).get(rebuild(planId) + "/not-a-uuid").then().statusCode(404);
        } finally {
            finished(location);
        }
    }

    /** Rebuilds of other tests have ended: this test arranges the running one itself. */
    private void noneRunning() {
        await().atMost(Duration.ofMinutes(2)).until(
                () -> Jdbc.count(database, "SELECT count(*) FROM rebuild_job WHERE status = 'running'") == 0);
    }

    private static String plan() {
        return given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(SynthesisReadModelTest.PLAN).post("/api/plans").then().statusCode(201).extract().path("id");
    }

    private static String rebuild(String planId) {
        return "/api/plans/" + planId + "/synthesis/rebuild";
    }

    private static JsonPath finished(String location) {
        return await().atMost(Duration.ofMinutes(2)).until(
                () -> given().auth().oauth2(Tokens.of("regione")).get(location).then().statusCode(200).extract()
                        .jsonPath(),
                job -> !"running".equals(job.getString("status")));
    }
}
