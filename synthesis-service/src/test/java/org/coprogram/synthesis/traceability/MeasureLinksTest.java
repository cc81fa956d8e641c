package org.coprogram.synthesis.traceability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.contracts.Topics;
import org.coprogram.synthesis.analysis.Corpus;
import org.coprogram.synthesis.plan.Plans;
import org.coprogram.synthesis.synthesis.ConsultationEvents;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.EventSchemas;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Traceability through the API (docs/plan-document.md, "Traceability"): region staff of the plan's region link every
 * kind of contribution, a whole cluster in one action and a list in bulk to a measure; the public reads what became of
 * a proposal and the contributions behind a measure; nobody else links anything; an adopted plan's links are frozen.
 */
@Tag("service")
@QuarkusTest
class MeasureLinksTest {

    static final int COUNTED = 203 + 6 + 3 + 3;
    static final String DOCUMENT = """
            {"revision":%d,"document":{"sections":[{"key":"NEEDS","text":"Cresce la domanda di assistenza."}],
             "measures":[
              {"code":"M1","title":"%s","theme":"anziani","priority":"HIGH","scope":{"level":"REGION","codes":[]},
               "resources":[{"source":"FNA","year":2026,"amount":%s}]},
              {"code":"M2","title":"Emporio solidale","theme":"poverta","priority":"MEDIUM","scope":{"level":"REGION"},
               "resources":[{"source":"FNPS","year":2027,"amount":1000}]}%s]}}""";

    @Inject
    DataSource database;

    @Test
    void regionStaffLinkEveryKindAClusterAndAListAndThePublicSeesTheFateAndTheMeasure() throws Exception {
        ConsultationEvents c = consultation();
        String plan = c.planId.toString();
        writeDraft(plan, 0, "Assistenza domiciliare", "120000.50", "");
        publish(plan);
        UUID m1 = MeasureIds.of(c.planId, "M1");
        List<Corpus.Entry> entries = c.corpus.entries();
        String proposal = c.id(entries.get(0)).toString();
        String meetingContribution = UUID.nameUUIDFromBytes((c.meetingId + ":0").getBytes(StandardCharsets.UTF_8))
                .toString();
        String reportItem = UUID.nameUUIDFromBytes((c.reportId + ":resultsAchieved:0")
                .getBytes(StandardCharsets.UTF_8)).toString();

        String linkId;
        try (TopicReader plans = TopicReader.fromNow(Topics.PLANS)) {
            linkId = link("regione", m1, ref("PROPOSAL", proposal), "k-" + plan).statusCode(201)
                    .body("links[0].contribution.kind", equalTo("PROPOSAL"))
                    .body("links[0].measureCode", equalTo("M1")).body("links[0].viaCluster", nullValue())
                    .extract().path("links[0].id");
            ConsumerRecord<String, String> record = plans.await(TopicReader.ofType(
                    EventTypes.PLAN_CONTRIBUTION_LINKED, plan), 1, Duration.ofSeconds(15), Duration.ZERO).get(0);
            JsonNode event = EventSchemas.JSON.readTree(record.value());
            assertThat(EventSchemas.strict(EventSchemas.read(EventSchemas.CURRENT)
                    .get(EventTypes.PLAN_CONTRIBUTION_LINKED)).validate(event)).isEmpty();
            assertThat(event.path("linkId").asText()).isEqualTo(linkId);
            assertThat(record.value()).doesNotContain("regione");
        }
        // The same key answers the same link; another key finds it already linked.
        link("regione", m1, ref("PROPOSAL", proposal), "k-" + plan).statusCode(201)
                .body("links[0].id", equalTo(linkId));
        link("regione", m1, ref("PROPOSAL", proposal), null).statusCode(409);
        link("regione", m1, ref("SURVEY_QUESTION", c.surveyId + ":q2"), null).statusCode(201);
        link("regione", m1, ref("MEETING_CONTRIBUTION", meetingContribution), null).statusCode(201);
        link("regione", m1, ref("SOCIAL_REPORT_SECTION", reportItem), null).statusCode(201);

        String hidden = c.id(entries.get(ConsultationEvents.HIDDEN)).toString();
        String withdrawn = c.id(entries.get(ConsultationEvents.WITHDRAWN)).toString();
        link("regione", m1, ref("PROPOSAL", hidden), null).statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].message", containsString("nascosta dalla moderazione"));
        link("regione", m1, ref("PROPOSAL", withdrawn), null).statusCode(422)
                .body("violations[0].message", containsString("ritirata"));
        link("regione", m1, ref("PROPOSAL", UUID.randomUUID().toString()), null).statusCode(422);
        link("regione", m1, ref("MEETING_CONTRIBUTION", proposal), null).statusCode(422);

        // A list in bulk: all or nothing.
        String second = c.id(entries.get(1)).toString();
        String third = c.id(entries.get(2)).toString();
        long before = links(plan);
        bulk("regione", m1, List.of(ref("PROPOSAL", second), ref("PROPOSAL", hidden))).statusCode(422)
                .body("violations[0].field", equalTo("contributions[1].id"));
        assertThat(links(plan)).isEqualTo(before);
        bulk("regione", m1, List.of(ref("PROPOSAL", second), ref("PROPOSAL", third))).statusCode(201)
                .body("links.size()", equalTo(2));

        // A whole cluster in one action.
        JsonPath clusters = given().get("/api/plans/" + plan + "/synthesis/clusters").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> all = clusters.getList("analysis.clusters");
        // Not the cluster of the proposal linked alone to M1: its fate below names M1 only.
        Map<String, Object> cluster = all.stream().filter(g -> ((Number) g.get("size")).intValue() >= 3)
                .filter(g -> ((List<?>) g.get("members")).stream().noneMatch(m -> proposal.equals(m.toString())))
                .findFirst().orElseThrow();
        UUID m2 = MeasureIds.of(c.planId, "M2");
        JsonPath batch = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(Map.of("contribution", Map.of("kind", "CLUSTER", "id", cluster.get("id")), "outcome",
                        "PARTIALLY_INCORPORATED", "reason", "Ripreso in parte nell'intervento"))
                .post("/api/measures/" + m2 + "/links").then().statusCode(201).extract().jsonPath();
        List<String> members = ((List<?>) cluster.get("members")).stream().map(Object::toString).toList();
        List<String> linkedMembers = batch.getList("links.contribution.id", String.class);
        assertThat(linkedMembers).isNotEmpty().isSubsetOf(members);
        assertThat(batch.getList("links.viaCluster.id", String.class)).containsOnly((String) cluster.get("id"));
        assertThat(linkedMembers.size() + batch.getList("skipped").size()).isEqualTo(members.size());

        // Change and remove.
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body("{\"outcome\":\"PARTIALLY_INCORPORATED\"}").patch("/api/measure-links/" + linkId).then()
                .statusCode(200).body("outcome", equalTo("PARTIALLY_INCORPORATED"))
                .body("reason", equalTo("Ripreso nell'intervento"));
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{\"outcome\":\"FORSE\"}")
                .patch("/api/measure-links/" + linkId).then().statusCode(422);
        // Whichever proposals the clustering put in that cluster are already on M2: remove one that is not.
        String unlinked = entries.stream().map(e -> c.id(e).toString())
                .filter(id -> !members.contains(id) && !id.equals(hidden) && !id.equals(withdrawn)).findFirst()
                .orElseThrow();
        String removed = bulk("regione", m2, List.of(ref("PROPOSAL", unlinked)))
                .statusCode(201).extract().path("links[0].id");
        try (TopicReader plans = TopicReader.fromNow(Topics.PLANS)) {
            given().auth().oauth2(Tokens.of("regione")).delete("/api/measure-links/" + removed).then()
                    .statusCode(204);
            JsonNode event = EventSchemas.JSON.readTree(plans.await(TopicReader.ofType(
                    EventTypes.PLAN_CONTRIBUTION_UNLINKED, plan), 1, Duration.ofSeconds(15), Duration.ZERO).get(0)
                    .value());
            assertThat(EventSchemas.strict(EventSchemas.read(EventSchemas.CURRENT)
                    .get(EventTypes.PLAN_CONTRIBUTION_UNLINKED)).validate(event)).isEmpty();
        }
        given().auth().oauth2(Tokens.of("regione")).delete("/api/measure-links/" + removed).then().statusCode(404);

        // v2 changes the measure; the plan is adopted with it.
        writeDraft(plan, 1, "Assistenza domiciliare anche nei festivi", "150000.00",
                ",{\"code\":\"M3\",\"title\":\"Solo in bozza\",\"theme\":\"anziani\",\"priority\":\"LOW\","
                        + "\"scope\":{\"level\":\"REGION\"}}");
        publish(plan);
        writeDraft(plan, 2, "Assistenza domiciliare anche nei festivi", "150000.00",
                ",{\"code\":\"M4\",\"title\":\"Solo in bozza\",\"theme\":\"anziani\",\"priority\":\"LOW\","
                        + "\"scope\":{\"level\":\"REGION\"}}");
        UUID draftOnly = MeasureIds.of(c.planId, "M4");
        link("regione", draftOnly, ref("PROPOSAL", c.id(entries.get(7)).toString()), null).statusCode(201);
        given().get("/api/measures/" + draftOnly).then().statusCode(404);
        // Nothing of a link to a measure only in the draft goes out: no event, no public figure (below).
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ? AND payload::jsonb ->>"
                + " 'measureId' = ?", EventTypes.PLAN_CONTRIBUTION_LINKED, draftOnly.toString())).isZero();
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{\"phase\":\"SYNTHESIS\"}")
                .post("/api/plans/" + plan + "/phase").then().statusCode(200);
        Plans.adopt("regione", plan, Plans.DGR).statusCode(200);

        given().get("/api/proposals/" + proposal + "/fate").then().statusCode(200)
                .body("measures.code", contains("M1"))
                .body("measures[0].title", equalTo("Assistenza domiciliare anche nei festivi"))
                .body("measures[0].outcome", equalTo("PARTIALLY_INCORPORATED"))
                .body("measures[0].versions.version", contains(1, 2))
                .body("measures[0].versions.measureIncluded", contains(true, true))
                .body("measures[0].versions.linkIncluded", contains(false, true))
                .body("measures[0].adoptedWith.resolutionNumber", equalTo("DGR 1234/2026"))
                .body("adoption.documentUrl", equalTo("https://example.org/dgr-1234.pdf"));
        given().get("/api/proposals/" + c.id(entries.get(7)) + "/fate").then().statusCode(200)
                .body("measures", equalTo(List.of()));
        given().get("/api/proposals/" + hidden + "/fate").then().statusCode(404);
        given().get("/api/proposals/" + UUID.randomUUID() + "/fate").then().statusCode(404);

        JsonPath page = given().get("/api/measures/" + m1 + "?size=3").then().statusCode(200)
                .body("code", equalTo("M1")).body("versions.version", contains(1, 2))
                .body("versions[1].adopted", equalTo(true))
                .body("versions[0].measure.title", equalTo("Assistenza domiciliare"))
                .body("linked.total", equalTo(6)).body("linked.items.size()", equalTo(3))
                .body("linked.items.contribution.id", not(hasItem(hidden))).extract().jsonPath();
        // proposal 0, 1, 2, the survey's 6 responses, 1 meeting contribution, 1 social-report item
        assertThat(page.getLong("contributions.total")).isEqualTo(3 + 6 + 1 + 1);
        assertThat(page.getList("contributions.byCategory.contributions", Long.class).stream()
                .mapToLong(Long::longValue).sum()).isEqualTo(11);
        assertThat(page.getList("contributions.byDistrict.code", String.class)).contains("BA-BARI", "TA-06");

        String csv = given().get("/api/plans/" + plan + "/links.csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("\"link_id\",\"measure_id\",\"measure_code\",\"contribution_kind\","
                + "\"contribution_id\",\"outcome\",\"reason\",\"cluster_id\",\"cluster_label\",\"province\","
                + "\"district\",\"category\",\"linked_at\",\"updated_at\"");
        assertThat(lines).hasSize(1 + 6 + linkedMembers.size());
        assertThat(csv).contains(linkId, m1.toString()).doesNotContain(draftOnly.toString());

        // Linked: every contribution with a link to a published measure (not the draft's M4), and the survey's 6
        // responses.
        java.util.Set<String> linkedRows = new java.util.HashSet<>(linkedMembers);
        linkedRows.addAll(List.of(proposal, second, third, meetingContribution, reportItem));
        given().get("/api/plans/" + plan + "/synthesis").then().statusCode(200)
                .body("uptake.linked", equalTo(linkedRows.size() + 6))
                .body("uptake.rule", containsString("metà"));

        // Adopted: links no longer change.
        link("regione", m1, ref("PROPOSAL", c.id(entries.get(9)).toString()), null).statusCode(409);
        given().auth().oauth2(Tokens.of("regione")).delete("/api/measure-links/" + linkId).then().statusCode(409);
    }

    @Test
    void onlyRegionStaffOfThePlansRegionLinkAndNothingChangesForAnyoneElse() {
        String plan = Plans.pugliaIn("CONSULTATION");
        writeDraft(plan, 0, "Assistenza domiciliare", "10", "");
        UUID measure = MeasureIds.of(UUID.fromString(plan), "M1");
        UUID proposal = UUID.randomUUID();
        Jdbc.update(database, "INSERT INTO contribution (id, plan_id, source, kind, district, province, title, body,"
                + " status, created_at) VALUES (?::uuid, ?::uuid, 'PROPOSAL', 'PROPOSAL', 'BA-BARI', 'BA',"
                + " 'Una proposta', 'Testo', 'SUBMITTED', now())", proposal.toString(), plan);
        String existing = link("regione", measure, ref("PROPOSAL", proposal.toString()), null).statusCode(201)
                .extract().path("links[0].id");

        String abruzzo = given().auth().oauth2(Tokens.of("regione-abruzzo")).contentType(ContentType.JSON)
                .body(Plans.PUGLIA.replace("puglia", "abruzzo")).post("/api/plans").then().statusCode(201)
                .extract().path("id");
        writeDraft("regione-abruzzo", abruzzo, 0, "Assistenza in Abruzzo", "10", "");
        UUID abruzzoMeasure = MeasureIds.of(UUID.fromString(abruzzo), "M1");

        long links = links(plan) + links(abruzzo);
        long audit = Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE action LIKE 'measure.%'");
        long events = Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type IN (?, ?)",
                EventTypes.PLAN_CONTRIBUTION_LINKED, EventTypes.PLAN_CONTRIBUTION_UNLINKED);
        String body = "{\"contribution\":{\"kind\":\"PROPOSAL\",\"id\":\"" + proposal + "\"},"
                + "\"outcome\":\"INCORPORATED\",\"reason\":\"x\"}";
        String list = "{\"contributions\":[{\"kind\":\"PROPOSAL\",\"id\":\"" + proposal + "\"}],"
                + "\"outcome\":\"INCORPORATED\",\"reason\":\"x\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/measures/" + measure + "/links").then()
                .statusCode(401);
        given().contentType(ContentType.JSON).body(list).post("/api/measures/" + measure + "/links/bulk").then()
                .statusCode(401);
        given().contentType(ContentType.JSON).body("{\"reason\":\"y\"}").patch("/api/measure-links/" + existing)
                .then().statusCode(401);
        given().delete("/api/measure-links/" + existing).then().statusCode(401);
        for (String token : List.of(Tokens.of("cittadino"), Tokens.of("ets"), Tokens.of("ambito"),
                Tokens.of("moderatore"), Tokens.of("regione-abruzzo"),
                Tokens.ofClient("partner-demo", "partner-demo-secret"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/api/measures/" + measure + "/links").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(list)
                    .post("/api/measures/" + measure + "/links/bulk").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"reason\":\"y\"}")
                    .patch("/api/measure-links/" + existing).then().statusCode(403);
            given().auth().oauth2(token).delete("/api/measure-links/" + existing).then().statusCode(403);
        }
        // Puglia's staff are the other region's for an Abruzzo plan.
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(body)
                .post("/api/measures/" + abruzzoMeasure + "/links").then().statusCode(403);
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(list)
                .post("/api/measures/" + abruzzoMeasure + "/links/bulk").then().statusCode(403);

        assertThat(links(plan) + links(abruzzo)).isEqualTo(links);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE action LIKE 'measure.%'"))
                .isEqualTo(audit);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type IN (?, ?)",
                EventTypes.PLAN_CONTRIBUTION_LINKED, EventTypes.PLAN_CONTRIBUTION_UNLINKED)).isEqualTo(events);
        given().auth().oauth2(Tokens.of("regione")).get("/api/measures/" + measure).then().statusCode(404);
        given().get("/api/measures/" + UUID.randomUUID()).then().statusCode(404);
    }

    /**
     * The measure page and the fate keep the published versions they read (they never change): a version published
     * after a page was read is on the next one at once, with its own text.
     */
    @Test
    void aVersionPublishedAfterTheMeasurePageWasReadIsOnItAtOnce() {
        String plan = Plans.pugliaIn("CONSULTATION");
        UUID m1 = MeasureIds.of(UUID.fromString(plan), "M1");
        writeDraft(plan, 0, "Assistenza domiciliare", "1000", "");
        publish(plan);
        given().get("/api/measures/" + m1).then().statusCode(200).body("versions.version", contains(1))
                .body("versions[0].measure.title", equalTo("Assistenza domiciliare"));
        writeDraft(plan, 1, "Assistenza domiciliare nei festivi", "2000", "");
        publish(plan);
        given().get("/api/measures/" + m1).then().statusCode(200).body("versions.version", contains(1, 2))
                .body("versions[0].measure.title", equalTo("Assistenza domiciliare"))
                .body("versions[1].measure.title", equalTo("Assistenza domiciliare nei festivi"));
    }

    @Test
    void theSqlMeasureIdIsTheContractsOne() {
        UUID plan = UUID.randomUUID();
        for (String code : List.of("M1", "POV.3", "A-12", "ZZZZZZZZZZZZZZZZZZZZ")) {
            assertThat(Jdbc.text(database, "SELECT cast(measure_id(?::uuid, ?) AS text)", plan.toString(), code))
                    .isEqualTo(MeasureIds.of(plan, code).toString());
        }
    }

    private static ConsultationEvents consultation() {
        String planId = Plans.pugliaIn("CONSULTATION");
        ConsultationEvents published = new ConsultationEvents(UUID.fromString(planId));
        try (EventPublisher publisher = new EventPublisher()) {
            published.events.forEach(e -> publisher.publish(e.topic(), e.event()));
        }
        await("the synthesis counts " + COUNTED + " contributions").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> given().get("/api/plans/" + planId + "/synthesis").then().extract().jsonPath()
                        .getLong("totals.contributions") == COUNTED);
        return published;
    }

    private static Map<String, String> ref(String kind, String id) {
        return Map.of("kind", kind, "id", id);
    }

    private static ValidatableResponse link(String user, UUID measure, Map<String, String> ref, String key) {
        var request = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(Map.of("contribution", ref, "outcome", "INCORPORATED", "reason",
                "Ripreso nell'intervento")).post("/api/measures/" + measure + "/links").then();
    }

    private static ValidatableResponse bulk(String user, UUID measure, List<Map<String, String>> refs) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("contributions", refs, "outcome", "NOT_INCORPORATED", "reason",
                        "Fuori dalle competenze del piano"))
                .post("/api/measures/" + measure + "/links/bulk").then();
    }

    private static void writeDraft(String plan, int revision, String title, String amount, String more) {
        writeDraft("regione", plan, revision, title, amount, more);
    }

    private static void writeDraft(String user, String plan, int revision, String title, String amount,
            String more) {
        given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(DOCUMENT.formatted(revision, title, amount, more)).put("/api/plans/" + plan + "/document/draft")
                .then().statusCode(200);
    }

    private static void publish(String plan) {
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + plan + "/document/versions").then().statusCode(201);
    }

    private long links(String plan) {
        return Jdbc.count(database, "SELECT count(*) FROM measure_link WHERE plan_id = ?::uuid", plan);
    }
}
