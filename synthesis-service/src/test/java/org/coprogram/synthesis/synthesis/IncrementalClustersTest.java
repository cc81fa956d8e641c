package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.coprogram.synthesis.analysis.Corpus;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The running service between full computations (issue #30, docs/synthesis.md "Incremental"): a contribution that
 * arrives after a full computation joins the existing cluster it is nearest to, read from the change log of
 * contributions; no other cluster changes, cluster ids, labels and the region's edits stay; a hidden one leaves; a
 * redelivered event changes nothing; and the scheduled full recomputation on the same contributions gives the same
 * clusters again.
 */
@Tag("service")
@QuarkusTest
class IncrementalClustersTest {

    private static final int CONSULTATION_CONTRIBUTIONS = 203 + 6 + 3 + 3;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void clockBack() {
        MovableClock.INSTANCE.reset();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewContributionJoinsItsClusterAloneAndTheFullRecomputationOfTheSameInputIsIdentical() {
        ConsultationEvents plan = consultation();
        String id = plan.planId.toString();
        double fullBefore = counter("synthesis.analysis.full");
        List<Map<String, Object>> computed = clusters(id).getList("analysis.clusters");
        assertThat(counter("synthesis.analysis.full")).isEqualTo(fullBefore + 1);
        Map<String, Object> target = computed.stream().filter(c -> size(c) >= 4).findFirst().orElseThrow();
        Map<String, Object> other = computed.stream().filter(c -> c != target && size(c) >= 4).findFirst()
                .orElseThrow();
        rename(id, target, "Il gruppo che cresce");
        rename(id, other, "Un gruppo che resta");
        List<Map<String, Object>> full = clusters(id).getList("analysis.clusters");

        // A copy of the target's most central text arrives: it joins the target, and only the target changes.
        Map<String, Object> central = ((List<Map<String, Object>>) target.get("representatives")).get(0);
        Corpus.Entry source = plan.corpus.entries().stream()
                .filter(e -> plan.id(e).toString().equals(central.get("id"))).findFirst().orElseThrow();
        UUID copy = UUID.randomUUID();
        ConsultationEvents.Topic submitted = submission(plan, source, copy);
        publish(submitted);
        awaitContributions(id, CONSULTATION_CONTRIBUTIONS + 1);
        double incrementalBefore = counter("synthesis.analysis.incremental");

        List<Map<String, Object>> joined = clusters(id).getList("analysis.clusters");

        assertThat(counter("synthesis.analysis.full")).isEqualTo(fullBefore + 1);
        assertThat(counter("synthesis.analysis.incremental")).isGreaterThan(incrementalBefore);
        assertThat(joined).extracting(c -> c.get("id")).containsExactlyElementsOf(ids(full));
        for (int i = 0; i < full.size(); i++) {
            Map<String, Object> before = full.get(i);
            Map<String, Object> after = joined.get(i);
            if (before.get("id").equals(target.get("id"))) {
                assertThat(members(after)).containsAll(members(before)).contains(copy.toString())
                        .hasSize(members(before).size() + 1);
                assertThat(size(after)).isEqualTo(size(before) + 1);
                assertThat(after.get("label")).isEqualTo("Il gruppo che cresce");
                assertThat(after.get("terms")).isEqualTo(before.get("terms"));
                assertThat(after.get("editIds")).isEqualTo(before.get("editIds"));
            } else {
                assertThat(after).as("cluster %s", before.get("id")).isEqualTo(before);
            }
        }
        assertThat(withLabel(joined, "Un gruppo che resta")).isEqualTo(withLabel(full, "Un gruppo che resta"));

        // The same event again (same id), then one that changes no contribution, to know the first was read.
        long version = version(id);
        publish(submitted);
        publish(plan.event("coprogram.proposals", "org.coprogram.proposal.supported.v1", copy,
                ConsultationEvents.data("proposalId", copy, "planId", plan.planId, "supporter", "fan-0",
                        "supports", 0, "occurredAt", OffsetDateTime.now())));
        await("the read model moves on").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> version(id) > version);
        assertThat(clusters(id).getList("analysis.clusters")).isEqualTo(joined);

        // Hidden by the moderators: it leaves through a full computation (its words may be in a label), which gives the
        // clusters of the first full computation again.
        publish(plan.event("coprogram.proposals", "org.coprogram.proposal.hidden.v1", copy,
                ConsultationEvents.data("proposalId", copy, "planId", plan.planId, "visibility", "HIDDEN", "cause",
                        "FLAGS", "changedAt", OffsetDateTime.now())));
        awaitContributions(id, CONSULTATION_CONTRIBUTIONS);
        assertThat(clusters(id).getList("analysis.clusters")).isEqualTo(full);
        assertThat(counter("synthesis.analysis.full")).isEqualTo(fullBefore + 2);

        // Past synthesis.recompute-after, the next event brings the scheduled full computation: same input, same
        // clusters (ids, labels, members, figures), the region's edits laid over them as before.
        MovableClock.INSTANCE.advance(Duration.ofHours(7));
        long beforeRecomputation = version(id);
        publish(plan.event("coprogram.proposals", "org.coprogram.proposal.supported.v1", copy,
                ConsultationEvents.data("proposalId", copy, "planId", plan.planId, "supporter", "fan-1",
                        "supports", 0, "occurredAt", OffsetDateTime.now())));
        await("the read model moves on").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> version(id) > beforeRecomputation);

        assertThat(clusters(id).getList("analysis.clusters")).isEqualTo(full);
        assertThat(counter("synthesis.analysis.full")).isEqualTo(fullBefore + 3);
    }

    // --- fixtures

    private double counter(String name) {
        // The service registers its counters when it is first used.
        var counter = registry.find(name).functionCounter();
        return counter == null ? 0 : counter.count();
    }

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

    private static ConsultationEvents.Topic submission(ConsultationEvents plan, Corpus.Entry entry, UUID copy) {
        return plan.event("coprogram.proposals", "org.coprogram.proposal.submitted.v1", copy,
                ConsultationEvents.data("proposalId", copy, "planId", plan.planId, "region", "puglia", "kind",
                        entry.kind(), "title", entry.title(), "body", entry.text(), "theme", entry.theme(),
                        "municipality", entry.municipality().istatCode(), "district",
                        entry.municipality().districtCode(), "province", entry.municipality().provinceCode(),
                        "category", "CITIZEN", "organization", null, "status", "SUBMITTED", "author", "late-" + copy,
                        "createdAt", OffsetDateTime.now()));
    }

    private static void publish(ConsultationEvents.Topic event) {
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish(event.topic(), event.event());
        }
    }

    private static void rename(String planId, Map<String, Object> cluster, String label) {
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body("{\"clusterId\":\"" + cluster.get("id") + "\",\"label\":\"" + label + "\"}")
                .post("/api/plans/" + planId + "/synthesis/clusters/edits/rename").then().statusCode(201);
    }

    private static void awaitContributions(String planId, long expected) {
        await("the synthesis counts " + expected + " contributions").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> given().get("/api/plans/" + planId + "/synthesis").then().extract().jsonPath()
                        .getLong("totals.contributions") == expected);
    }

    private static long version(String planId) {
        return given().get("/api/plans/" + planId + "/synthesis").then().statusCode(200).extract().jsonPath()
                .getLong("version");
    }

    private static JsonPath clusters(String planId) {
        return given().get("/api/plans/" + planId + "/synthesis/clusters").then().statusCode(200).extract()
                .jsonPath();
    }

    private static int size(Map<String, Object> cluster) {
        return ((Number) cluster.get("size")).intValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> members(Map<String, Object> cluster) {
        return (List<String>) cluster.get("members");
    }

    private static List<Object> ids(List<Map<String, Object>> clusters) {
        List<Object> ids = new ArrayList<>();
        clusters.forEach(c -> ids.add(c.get("id")));
        return ids;
    }

    private static Map<String, Object> withLabel(List<Map<String, Object>> clusters, String label) {
        return clusters.stream().filter(c -> label.equals(c.get("label"))).findFirst().orElseThrow();
    }
}
