package org.coprogram.synthesis.traceability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.common.sql.TransactionLimits;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.synthesis.plan.Plans;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;

/**
 * A plan at the size the benchmark measures (docs/performance.md, "Plan pages"): a version of 300 measures published
 * with its events in one statement; a bulk link of 500 written as one batch, all or nothing; a heavy measure's counts
 * kept and following every link and every contribution that changes; its links paged by cursor to any depth; a
 * publication that cannot get its locks gives up and frees the draft, its client gone or not.
 */
@Tag("service")
@QuarkusTest
class MeasureAtScaleTest {

    @Inject
    DataSource database;

    @Inject
    TransactionLimits limits;

    @Test
    void aVersionOf300MeasuresIsPublishedWithItsEventsInOrderAfterTheDocumentsEvent() {
        String plan = Plans.pugliaIn("CONSULTATION");
        writeDraft(plan, 300);
        publish(plan).statusCode(201);

        assertThat(Jdbc.count(database, "SELECT count(*) FROM plan_measure WHERE plan_id = ?::uuid", plan))
                .isEqualTo(300);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE plan_id = ? AND type = ?", plan,
                EventTypes.PLAN_MEASURE_PUBLISHED)).isEqualTo(300);
        // The measures' events follow the document's, in the document's order.
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event m, outbox_event d WHERE m.plan_id = ?"
                + " AND d.plan_id = m.plan_id AND m.type = ? AND d.type = ? AND m.seq < d.seq", plan,
                EventTypes.PLAN_MEASURE_PUBLISHED, EventTypes.PLAN_DOCUMENT_PUBLISHED)).isZero();
        assertThat(Jdbc.text(database, "SELECT string_agg(payload::jsonb ->> 'code', ',' ORDER BY seq) FROM"
                + " outbox_event WHERE plan_id = ? AND type = ?", plan, EventTypes.PLAN_MEASURE_PUBLISHED))
                .isEqualTo(codes(300));
    }

    @Test
    void aHeavyMeasuresCountsAreKeptAndFollowEveryLinkAndEveryContributionThatChanges() {
        String plan = Plans.pugliaIn("CONSULTATION");
        writeDraft(plan, 2);
        publish(plan).statusCode(201);
        UUID measure = MeasureIds.of(UUID.fromString(plan), "M1");
        List<String> proposals = proposals(plan, 501);

        // 500 in one bulk link: one batch of links and one of their events; the same key answers the same batch.
        String key = "bulk-" + plan;
        List<String> ids = bulk(measure, proposals.subList(0, 500), key).statusCode(201)
                .body("links.size()", equalTo(500)).extract().jsonPath().getList("links.id", String.class);
        assertThat(bulk(measure, proposals.subList(0, 500), key).statusCode(201).extract().jsonPath()
                .getList("links.id", String.class)).isEqualTo(ids);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ? AND payload::jsonb ->>"
                + " 'measureId' = ?", EventTypes.PLAN_CONTRIBUTION_LINKED, measure.toString())).isEqualTo(500);
        // All or nothing still: one already linked refuses the list.
        bulk(measure, proposals.subList(499, 501), null).statusCode(422)
                .body("violations[0].field", equalTo("contributions[0].id"));
        assertThat(links(measure)).isEqualTo(500);

        page(measure, "").body("linked.total", equalTo(500)).body("contributions.total", equalTo(500))
                .body("linked.next", notNullValue());
        // Kept: the next page view reads the kept row (marked here to tell it from a computation).
        Jdbc.update(database, "UPDATE measure_count SET linked_total = 12345 WHERE measure_id = ?::uuid",
                measure.toString());
        page(measure, "").body("linked.total", equalTo(12345));

        // A contribution hidden by moderation leaves the counts at once.
        Jdbc.update(database, "UPDATE contribution SET hidden = true WHERE id = ?::uuid", proposals.get(0));
        page(measure, "").body("linked.total", equalTo(499)).body("contributions.total", equalTo(499));
        // A link written by any statement (here SQL, as the benchmark's seed does) counts at once.
        Jdbc.update(database, "INSERT INTO measure_link (id, plan_id, measure_id, measure_code, kind, ref,"
                + " contribution_id, outcome, reason, created_by, created_at, updated_at) VALUES (gen_random_uuid(),"
                + " ?::uuid, ?::uuid, 'M1', 'PROPOSAL', ?, ?::uuid, 'INCORPORATED', 'x', 'test', now(), now())", plan,
                measure.toString(), proposals.get(500), proposals.get(500));
        page(measure, "").body("linked.total", equalTo(500));
        // And a link removed through the API.
        given().auth().oauth2(Tokens.of("regione")).delete("/api/measure-links/" + ids.get(1)).then()
                .statusCode(204);
        JsonPath first = page(measure, "?size=100").body("linked.total", equalTo(499))
                .body("contributions.total", equalTo(499)).extract().jsonPath();
        assertThat(first.getList("contributions.byProvince.contributions", Long.class).stream()
                .mapToLong(Long::longValue).sum()).isEqualTo(499);

        // Paged by cursor to the end: every public link once, in the order the numbered pages give.
        List<String> byCursor = new ArrayList<>(first.getList("linked.items.linkId", String.class));
        String next = first.getString("linked.next");
        int pages = 1;
        while (next != null) {
            JsonPath more = page(measure, "?size=100&after=" + next).body("linked.page", equalTo(0)).extract()
                    .jsonPath();
            byCursor.addAll(more.getList("linked.items.linkId", String.class));
            next = more.getString("linked.next");
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(byCursor).hasSize(499).doesNotHaveDuplicates();
        List<String> byNumber = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            byNumber.addAll(page(measure, "?size=100&page=" + p).extract().jsonPath()
                    .getList("linked.items.linkId", String.class));
        }
        assertThat(byCursor).isEqualTo(byNumber);
        page(measure, "?size=100&page=4").body("linked.next", nullValue());
        given().get("/api/measures/" + measure + "?after=non-un-cursore").then().statusCode(422)
                .body("violations[0].field", equalTo("after"));
    }

    @Test
    void aPublicationThatCannotGetItsLocksGivesUpAndFreesTheDraftWhenItsClientLeft() throws SQLException {
        String plan = Plans.pugliaIn("CONSULTATION");
        writeDraft(plan, 3);
        try (Connection blocker = database.getConnection()) {
            blocker.setAutoCommit(false);
            try (var lock = blocker.createStatement()) {
                // Holds off the publication's insert of its measures, after it locked the draft.
                lock.execute("LOCK TABLE plan_measure IN SHARE MODE");
            }
            // The client gives up after a second (as the gateway does after its own timeout) ...
            RestAssuredConfig impatient = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.socket.timeout", 1000).setParam("http.connection.timeout", 1000));
            assertThatThrownBy(() -> given().config(impatient).auth().oauth2(Tokens.of("regione"))
                    .contentType(ContentType.JSON).body("{}").post("/api/plans/" + plan + "/document/versions"))
                    .hasStackTraceContaining("timed out");
            // ... and the draft is free again once the lock wait is given up (lock-timeout, 3 s in tests), while the
            // lock that held it is still there.
            await("the draft's lock is released").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> draftLockable(plan));
            // A publication that waits answers 503, retryable, instead of queueing behind it.
            publish(plan).statusCode(503).header("Retry-After", notNullValue());
            assertThat(Jdbc.count(database, "SELECT count(*) FROM plan_document_version WHERE plan_id = ?::uuid",
                    plan)).isZero();
            blocker.rollback();
        }
        publish(plan).statusCode(201);
    }

    /**
     * How long the work stalls: ten times the idle bound (1 s here), so a lock released within it was released by the
     * server, not by the work going on. It was 40 s, which the test then waited out whole.
     */
    private static final Duration STALL = Duration.ofSeconds(10);

    /**
     * The bound that covers what no lock wait does: a transaction whose work stalls (the request abandoned, a chain
     * that never goes on) while it holds the draft's lock. PostgreSQL ends its session after the idle bound, and the
     * lock goes with it, long before the stalled work would have gone on.
     */
    @Test
    void aTransactionWhoseWorkStallsLosesItsSessionAndTheDraftsLock() {
        String plan = Plans.pugliaIn("CONSULTATION");
        writeDraft(plan, 1);
        CompletableFuture<Object> stalled = CompletableFuture.supplyAsync(() -> {
            try {
                return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> limits
                        .apply(Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(1))
                        .chain(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "SELECT revision FROM plan_document_draft WHERE plan_id = CAST(:plan AS uuid)"
                                        + " FOR UPDATE")
                                .setParameter("plan", plan).getResultList()))
                        // the work stalls with the lock held
                        .chain(() -> Uni.createFrom().item(1).onItem().delayIt().by(STALL))
                        .chain(() -> Panache.getSession()
                                .flatMap(session -> session.createNativeQuery("SELECT 1").getResultList()))));
            } catch (Throwable ended) {
                return ended;
            }
        });
        await("the stalled transaction holds the draft").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).until(() -> !draftLockable(plan));
        long held = System.nanoTime();
        await("the server ends the stalled session").atMost(STALL.minusSeconds(2))
                .pollInterval(Duration.ofMillis(100)).until(() -> draftLockable(plan));
        assertThat(Duration.ofNanos(System.nanoTime() - held)).isLessThan(STALL);
        // The work, when it goes on, finds its session gone: nothing it does commits.
        assertThat(stalled.join()).isInstanceOf(Throwable.class);
    }

    private boolean draftLockable(String plan) throws SQLException {
        try (Connection probe = database.getConnection()) {
            probe.setAutoCommit(false);
            try (PreparedStatement lock = probe.prepareStatement(
                    "SELECT 1 FROM plan_document_draft WHERE plan_id = ?::uuid FOR UPDATE NOWAIT")) {
                lock.setString(1, plan);
                try (ResultSet found = lock.executeQuery()) {
                    return found.next();
                }
            } catch (SQLException held) {
                return false;
            } finally {
                probe.rollback();
            }
        }
    }

    private List<String> proposals(String plan, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        Jdbc.update(database, "INSERT INTO contribution (id, plan_id, source, kind, district, province, category,"
                + " title, body, status, created_at) SELECT id::uuid, ?::uuid, 'PROPOSAL', 'PROPOSAL',"
                + " 'BA-BARI', (ARRAY['BA', 'LE', 'TA'])[1 + n % 3], 'CITTADINO', 'Proposta ' || n, 'Testo',"
                + " 'SUBMITTED', now() FROM unnest(string_to_array(?, ',')) WITH ORDINALITY AS p(id, n)", plan,
                String.join(",", ids));
        return ids;
    }

    private long links(UUID measure) {
        return Jdbc.count(database, "SELECT count(*) FROM measure_link WHERE measure_id = ?::uuid",
                measure.toString());
    }

    private static io.restassured.response.ValidatableResponse page(UUID measure, String query) {
        return given().get("/api/measures/" + measure + query).then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse bulk(UUID measure, List<String> proposals,
            String key) {
        var request = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(Map.of("contributions",
                proposals.stream().map(id -> Map.of("kind", "PROPOSAL", "id", id)).toList(), "outcome",
                "INCORPORATED", "reason", "Ripreso nell'intervento")).post("/api/measures/" + measure + "/links/bulk")
                .then();
    }

    private static String codes(int count) {
        StringJoiner codes = new StringJoiner(",");
        for (int i = 1; i <= count; i++) {
            codes.add("M" + i);
        }
        return codes.toString();
    }

    private static void writeDraft(String plan, int measures) {
        StringJoiner list = new StringJoiner(",");
        for (int i = 1; i <= measures; i++) {
            list.add("{\"code\":\"M" + i + "\",\"title\":\"Intervento " + i + "\",\"theme\":\"anziani\","
                    + "\"priority\":\"MEDIUM\",\"scope\":{\"level\":\"REGION\"},"
                    + "\"resources\":[{\"source\":\"FNA\",\"year\":2026,\"amount\":" + (1000 + i) + ".25}]}");
        }
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body("{\"revision\":0,\"document\":{\"sections\":[{\"key\":\"NEEDS\",\"text\":\"Bisogni.\"}],"
                        + "\"measures\":[" + list + "]}}")
                .put("/api/plans/" + plan + "/document/draft").then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse publish(String plan) {
        return given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + plan + "/document/versions").then();
    }
}
