package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Replays;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The region's edits to the clusters (issue #30): made by the plan's region staff only, validated before anything is
 * stored, audited, idempotent with a key, and laid over every fresh analysis so that they survive new contributions.
 * Each test that edits uses a plan of its own or only adds to it; none depends on another's edits.
 */
@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterEditsTest {

    private static final int CONSULTATION_CONTRIBUTIONS = 203 + 6 + 3 + 3;

    @Inject
    DataSource database;

    /** A plan the attacker tests aim at: its edits are only ever added to, never assumed absent. */
    private ConsultationEvents target;

    @BeforeEach
    void publishTheTargetOnce() {
        if (target == null) {
            target = consultation();
        }
    }

    @Test
    void renameMergeAndSplitSurviveNewContributionsAndAreInTheReport() {
        ConsultationEvents plan = consultation();
        String id = plan.planId.toString();
        List<Map<String, Object>> before = clusters(id).getList("analysis.clusters");
        List<Map<String, Object>> large = before.stream().filter(c -> ((Number) c.get("size")).intValue() >= 4)
                .toList();
        Map<String, Object> renamed = large.get(0);
        Map<String, Object> first = large.get(1);
        Map<String, Object> second = large.get(2);
        Map<String, Object> divided = large.get(3);
        List<String> moved = members(divided).subList(0, 2);

        String renameId = post("regione", id, "rename", """
                {"clusterId":"%s","label":"Assistenza domiciliare agli anziani","note":"Nome più chiaro"}"""
                .formatted(renamed.get("id")), null).statusCode(201)
                .header("Location", startsWith(edits(id) + "/"))
                .body("kind", equalTo("RENAME")).body("status", equalTo("APPLIED")).extract().path("id");
        String mergeId = post("regione", id, "merge", """
                {"clusterIds":["%s","%s"],"label":"Temi uniti"}""".formatted(first.get("id"), second.get("id")), null)
                .statusCode(201).body("clusters", equalTo(2)).extract().path("id");
        String splitId = post("regione", id, "split", """
                {"clusterId":"%s","members":["%s","%s"],"label":"Parte separata"}"""
                .formatted(divided.get("id"), moved.get(0), moved.get(1)), null).statusCode(201)
                .body("moved.size()", equalTo(2)).extract().path("id");

        // New contributions: copies of the renamed cluster's proposals, which join it and renumber the clusters.
        Set<String> proposals = new HashSet<>();
        plan.corpus.entries().forEach(e -> proposals.add(plan.id(e).toString()));
        List<String> copiedFrom = members(renamed).stream().filter(proposals::contains).limit(3).toList();
        assertThat(copiedFrom).isNotEmpty();
        publishCopies(plan, copiedFrom);
        awaitContributions(id, CONSULTATION_CONTRIBUTIONS + copiedFrom.size());

        JsonPath after = clusters(id);
        List<Map<String, Object>> served = after.getList("analysis.clusters");
        assertThat(after.getList("analysis.edits.status", String.class)).containsExactly("APPLIED", "APPLIED",
                "APPLIED");
        Map<String, Object> stillRenamed = withEdit(served, renameId);
        assertThat(stillRenamed.get("label")).isEqualTo("Assistenza domiciliare agli anziani");
        assertThat(stillRenamed.get("edited")).isEqualTo(true);
        assertThat(2 * overlap(members(stillRenamed), members(renamed)))
                .isGreaterThanOrEqualTo(members(renamed).size());
        Map<String, Object> merged = served.stream().filter(c -> c.get("id").equals("edit-" + mergeId)).findFirst()
                .orElseThrow();
        assertThat(merged.get("label")).isEqualTo("Temi uniti");
        assertThat(2 * overlap(members(merged), members(first))).isGreaterThanOrEqualTo(members(first).size());
        assertThat(2 * overlap(members(merged), members(second))).isGreaterThanOrEqualTo(members(second).size());
        Map<String, Object> part = served.stream().filter(c -> c.get("id").equals("edit-" + splitId)).findFirst()
                .orElseThrow();
        // What the recomputation left of the divided cluster holds none of the moved contributions.
        assertThat(members(part)).isNotEmpty().isSubsetOf(moved);
        assertThat(served).filteredOn(c -> !c.get("id").equals("edit-" + splitId))
                .filteredOn(c -> editIds(c).contains(splitId)).singleElement()
                .satisfies(c -> assertThat(members(c)).doesNotContainAnyElementsOf(moved));

        String html = given().accept("text/html").get("/api/plans/" + id + "/synthesis/report").then()
                .statusCode(200).extract().asString();
        assertThat(html).contains("Assistenza domiciliare agli anziani", "Temi uniti", "Parte separata",
                "Modifiche della Regione ai gruppi", "Nome più chiaro", "personale regionale");

        List<Map<String, Object>> listed = given().auth().oauth2(Tokens.of("regione"))
                .get("/api/plans/" + id + "/synthesis/clusters/edits").then().statusCode(200).extract().jsonPath()
                .getList("");
        assertThat(listed).extracting(e -> e.get("id")).containsExactly(renameId, mergeId, splitId);
        assertThat(listed).allSatisfy(e -> assertThat(e.get("createdBy")).isNotNull());
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_type = 'cluster-edit'"
                + " AND target_id IN (?, ?, ?)", renameId, mergeId, splitId)).isEqualTo(3);

        given().auth().oauth2(Tokens.of("regione")).delete("/api/plans/" + id + "/synthesis/clusters/edits/"
                + renameId).then().statusCode(204);
        given().auth().oauth2(Tokens.of("regione")).delete("/api/plans/" + id + "/synthesis/clusters/edits/"
                + renameId).then().statusCode(404).contentType("application/problem+json");
        assertThat(clusters(id).getList("analysis.clusters.label", String.class))
                .doesNotContain("Assistenza domiciliare agli anziani").contains("Temi uniti");
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE action = 'cluster-edit.undo'"
                + " AND target_id = ?", renameId)).isEqualTo(1);
        assertThat(given().accept("text/html").get("/api/plans/" + id + "/synthesis/report").then().statusCode(200)
                .extract().asString()).doesNotContain("Assistenza domiciliare agli anziani");
    }

    @Test
    void onlyTheRegionStaffOfThePlanMayEditOrListOrUndo() {
        String id = target.planId.toString();
        String cluster = firstClusterId(id);
        String body = "{\"clusterId\":\"" + cluster + "\",\"label\":\"Tentativo\"}";
        long edits = editsOf(id);

        given().contentType(ContentType.JSON).body(body).post(edits(id) + "/rename").then().statusCode(401);
        given().get(edits(id)).then().statusCode(401);
        for (String user : List.of("cittadino", "ets", "ambito", "moderatore", "regione-abruzzo")) {
            post(user, id, "rename", body, null).statusCode(403).contentType("application/problem+json");
            post(user, id, "merge", "{\"clusterIds\":[\"C1\",\"C2\"]}", null).statusCode(403);
            post(user, id, "split", "{\"clusterId\":\"C1\",\"members\":[\"" + UUID.randomUUID()
                    + "\"],\"label\":\"x\"}", null).statusCode(403);
            given().auth().oauth2(Tokens.of(user)).get(edits(id)).then().statusCode(403);
            given().auth().oauth2(Tokens.of(user)).delete(edits(id) + "/" + UUID.randomUUID()).then()
                    .statusCode(403);
        }
        // Another region's staff are refused on the plan's region before anything about the edit is looked at.
        post("regione-abruzzo", id, "rename", "{}", null).statusCode(403);
        assertThat(editsOf(id)).isEqualTo(edits);
        assertThat(clusters(id).getList("analysis.clusters.label", String.class)).doesNotContain("Tentativo");
    }

    @Test
    void aClusterIdOfAnotherPlanIsUnknownHere() {
        ConsultationEvents other = target;
        String otherId = other.planId.toString();
        String merged = post("regione", otherId, "merge", "{\"clusterIds\":[\"C1\",\"C2\"]}", null).statusCode(201)
                .extract().path("id");
        String small = smallPlan();
        long before = editsOf(small);

        post("regione", small, "rename", "{\"clusterId\":\"edit-" + merged + "\",\"label\":\"Furto\"}", null)
                .statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("clusterId"));
        post("regione", small, "rename", "{\"clusterId\":\"C999\",\"label\":\"Furto\"}", null).statusCode(422);

        assertThat(editsOf(small)).isEqualTo(before);
    }

    @Test
    void aReplayWithTheSameIdempotencyKeyMakesOneEdit() {
        String id = target.planId.toString();
        String body = "{\"clusterId\":\"" + firstClusterId(id) + "\",\"label\":\"Una volta sola\"}";
        String key = "rename-" + UUID.randomUUID();
        long before = editsOf(id);

        var first = post("regione", id, "rename", body, key).extract();
        var retry = post("regione", id, "rename", body, key).extract();

        Replays.assertSameCreated(first, retry);
        assertThat(editsOf(id)).isEqualTo(before + 1);
        post("regione", id, "rename", body.replace("Una volta sola", "Altro"), key).statusCode(422);
        assertThat(editsOf(id)).isEqualTo(before + 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void badInputIsRefusedWithItalianProblemsAndChangesNothing() {
        String id = target.planId.toString();
        Map<String, Object> cluster = clusters(id).getList("analysis.clusters", Map.class).stream()
                .map(c -> (Map<String, Object>) c).filter(c -> ((Number) c.get("size")).intValue() >= 2)
                .findFirst().orElseThrow();
        String clusterId = (String) cluster.get("id");
        long edits = editsOf(id);
        long audited = Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_type = 'cluster-edit'");

        post("regione", id, "rename", "{\"clusterId\":\"" + clusterId + "\",\"label\":\"  \"}", null)
                .statusCode(422).body("title", equalTo("Dati non validi"))
                .body("violations.field", hasItem("label"));
        post("regione", id, "rename", "{\"clusterId\":\"" + clusterId + "\",\"label\":\"" + "x".repeat(121)
                + "\"}", null).statusCode(422).body("violations[0].message", equalTo(
                        "l'etichetta può avere al massimo 120 caratteri"));
        post("regione", id, "rename", "{\"clusterId\":\"NESSUNO\",\"label\":\"Nome\"}", null).statusCode(422)
                .body("violations[0].field", equalTo("clusterId"));
        post("regione", id, "merge", "{\"clusterIds\":[\"" + clusterId + "\"]}", null).statusCode(422)
                .body("violations[0].field", equalTo("clusterIds"));
        post("regione", id, "merge", "{\"clusterIds\":[\"" + clusterId + "\",\"" + clusterId + "\"]}", null)
                .statusCode(422);
        post("regione", id, "split", "{\"clusterId\":\"" + clusterId + "\",\"members\":[\"" + UUID.randomUUID()
                + "\"],\"label\":\"Parte\"}", null).statusCode(422).body("violations[0].field", equalTo("members[0]"));
        post("regione", id, "split", "{\"clusterId\":\"" + clusterId + "\",\"members\":" + toJson(members(cluster))
                + ",\"label\":\"Tutto\"}", null).statusCode(422).body("violations.field", hasItem("members"));
        post("regione", id, "split", "{\"clusterId\":\"" + clusterId + "\",\"members\":[],\"label\":\"Parte\"}",
                null).statusCode(422);
        post("regione", id, "split", "{\"clusterId\":\"" + clusterId + "\",\"members\":[\"non-un-id\"],"
                + "\"label\":\"Parte\"}", null).statusCode(400).contentType("application/problem+json");
        post("regione", id, "rename", "{\"clusterId\":\"" + clusterId + "\",\"label\":\"Nome\"}", null).statusCode(201);
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).post(edits(id) + "/rename").then()
                .statusCode(400);
        post("regione", UUID.randomUUID().toString(), "rename", "{\"clusterId\":\"C1\",\"label\":\"Nome\"}", null)
                .statusCode(404).body("detail", equalTo("Piano non trovato"));
        String draft = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(SynthesisReadModelTest.PLAN).post("/api/plans").then().statusCode(201).extract().path("id");
        post("regione", draft, "rename", "{\"clusterId\":\"C1\",\"label\":\"Nome\"}", null).statusCode(409)
                .contentType("application/problem+json");

        // The one valid rename above is the only change.
        assertThat(editsOf(id)).isEqualTo(edits + 1);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_type = 'cluster-edit'"))
                .isEqualTo(audited + 1);
    }

    // --- fixtures

    private static ConsultationEvents consultation() {
        String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(SynthesisReadModelTest.PLAN).post("/api/plans").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{\"phase\":\"CONSULTATION\"}")
                .post("/api/plans/" + planId + "/phase").then().statusCode(200);
        ConsultationEvents published = new ConsultationEvents(UUID.fromString(planId));
        try (EventPublisher publisher = new EventPublisher()) {
            published.events.forEach(e -> publisher.publish(e.topic(), e.event()));
        }
        awaitContributions(planId, CONSULTATION_CONTRIBUTIONS);
        return published;
    }

    /** A plan in consultation with no contributions: no clusters at all. */
    private static String smallPlan() {
        String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(SynthesisReadModelTest.PLAN).post("/api/plans").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{\"phase\":\"CONSULTATION\"}")
                .post("/api/plans/" + planId + "/phase").then().statusCode(200);
        return planId;
    }

    private static void awaitContributions(String planId, long expected) {
        await("the synthesis counts " + expected + " contributions").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> given().get("/api/plans/" + planId + "/synthesis").then().extract().jsonPath()
                        .getLong("totals.contributions") == expected);
    }

    private static void publishCopies(ConsultationEvents plan, List<String> of) {
        Map<String, Object> texts = new java.util.HashMap<>();
        plan.corpus.entries().forEach(e -> texts.put(plan.id(e).toString(), e));
        try (EventPublisher publisher = new EventPublisher()) {
            for (String source : of) {
                var entry = (org.coprogram.synthesis.analysis.Corpus.Entry) texts.get(source);
                UUID copy = UUID.randomUUID();
                ConsultationEvents.Topic submitted = plan.event("coprogram.proposals",
                        "org.coprogram.proposal.submitted.v1", copy, ConsultationEvents.data("proposalId", copy,
                                "planId", plan.planId, "region", "puglia", "kind", entry.kind(), "title",
                                entry.title(), "body", entry.text() + " Lo chiediamo di nuovo.", "theme",
                                entry.theme(), "municipality", entry.municipality().istatCode(), "district",
                                entry.municipality().districtCode(), "province",
                                entry.municipality().provinceCode(), "category", "CITIZEN", "organization", null,
                                "status", "SUBMITTED", "author", "late-" + copy, "createdAt", OffsetDateTime.now()));
                publisher.publish(submitted.topic(), submitted.event());
            }
        }
    }

    private static ValidatableResponse post(String user, String planId, String kind, String body, String key) {
        var request = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post(edits(planId) + "/" + kind).then();
    }

    private static String edits(String planId) {
        return "/api/plans/" + planId + "/synthesis/clusters/edits";
    }

    private long editsOf(String planId) {
        return Jdbc.count(database, "SELECT count(*) FROM cluster_edit WHERE plan_id = ?::uuid", planId);
    }

    private static JsonPath clusters(String planId) {
        return given().get("/api/plans/" + planId + "/synthesis/clusters").then().statusCode(200).extract()
                .jsonPath();
    }

    private static String firstClusterId(String planId) {
        return clusters(planId).getString("analysis.clusters[0].id");
    }

    @SuppressWarnings("unchecked")
    private static List<String> members(Map<String, Object> cluster) {
        return (List<String>) cluster.get("members");
    }

    @SuppressWarnings("unchecked")
    private static List<String> editIds(Map<String, Object> cluster) {
        return (List<String>) cluster.get("editIds");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withEdit(List<Map<String, Object>> clusters, String editId) {
        return clusters.stream().filter(c -> ((List<String>) c.get("editIds")).contains(editId)).findFirst()
                .orElseThrow();
    }

    private static long overlap(List<String> a, List<String> b) {
        Set<String> set = new HashSet<>(a);
        return b.stream().filter(set::contains).count();
    }

    private static String toJson(List<String> ids) {
        List<String> quoted = new ArrayList<>();
        ids.forEach(i -> quoted.add("\"" + i + "\""));
        return "[" + String.join(",", quoted) + "]";
    }
}
