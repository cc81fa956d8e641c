package org.coprogram.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.coprogram.contracts.MeasureIds;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * A contribution's way to an adopted measure, through the gateway (docs/plan-document.md, "Traceability"): people
 * submit proposals; region staff write draft v1 with measures and resources, link a proposal and a whole cluster,
 * publish v1; v2 changes a measure's text and resources; the plan is adopted. The proposal's fate shows its measure
 * in v1 and v2 and the DGR; the measure page counts its contributions by territory and category as proposal-service's
 * own views of them do.
 */
@Tag("e2e")
class PlanTraceabilityE2ETest {

    static final String DRAFT = """
            {"revision":%d,"document":{"sections":[{"key":"NEEDS","text":"Gli anziani soli chiedono trasporto e cura."}],
             "measures":[
              {"code":"TRA.1","title":"%s","description":"Accompagnamento alle visite mediche.","theme":"anziani",
               "priority":"HIGH","scope":{"level":"REGION","codes":[]},
               "resources":[{"source":"FNA","year":2026,"amount":%s},{"source":"FNPS","year":2027,"amount":25000.10}]},
              {"code":"POV.2","title":"Empori solidali","theme":"poverta","priority":"MEDIUM",
               "scope":{"level":"REGION","codes":[]},"resources":[{"source":"FONDO-POVERTA","year":2026,"amount":80000}]}]}}""";

    /** Two themes in three places, from a citizen and an organisation. */
    static final List<String[]> PROPOSALS = List.of(
            new String[]{"cittadino", "anziani", "072006", "Trasporto sociale per le visite mediche",
                    "Un servizio di trasporto sociale per accompagnare gli anziani soli alle visite mediche in ospedale."},
            new String[]{"cittadino", "anziani", "071024", "Accompagnare gli anziani alle visite",
                    "Volontari e pulmini per accompagnare gli anziani soli alle visite mediche e agli esami."},
            new String[]{"ets", "anziani", "073027", "Pulmino per gli anziani soli",
                    "Un pulmino attrezzato per il trasporto degli anziani soli alle visite mediche e ai servizi."},
            new String[]{"cittadino", "poverta", "072006", "Emporio solidale di quartiere",
                    "Aprire un emporio solidale dove le famiglie povere fanno la spesa con una tessera a punti."},
            new String[]{"ets", "poverta", "071024", "Empori solidali in ogni ambito",
                    "Un emporio solidale in ogni ambito per le famiglie in povertà, con spesa gratuita a punti."},
            new String[]{"cittadino", "poverta", "073027", "Spesa solidale per le famiglie",
                    "Emporio solidale con spesa a punti per le famiglie in povertà e pacchi alimentari."});

    @BeforeAll
    static void gateway() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = Platform.gatewayPort();
    }

    @Test
    void aProposalLinkedToAMeasureShowsItInEveryVersionAndTheResolutionThatAdoptedIt() {
        String plan = ConsultationFlowE2ETest.openPlan();
        List<String> proposals = new ArrayList<>();
        for (String[] p : PROPOSALS) {
            String body = """
                    {"kind":"PROPOSAL","title":"%s","theme":"%s","municipality":"%s","body":"%s"}"""
                    .formatted(p[3], p[1], p[2], p[4]);
            proposals.add(await("plan open in proposal-service").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> given().auth().oauth2(Tokens.of(p[0])).contentType(ContentType.JSON).body(body)
                            .post("/api/plans/" + plan + "/proposals").then().extract(),
                            r -> r.statusCode() == 201)
                    .path("id"));
        }
        await("the synthesis counts the proposals").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> given().get("/api/plans/" + plan + "/synthesis").then().extract().jsonPath()
                        .getLong("totals.contributions") == PROPOSALS.size());

        // Draft v1, then the links: a proposal to TRA.1, a whole cluster to POV.2.
        draft(plan, 0, "Trasporto sociale", "100000.00");
        UUID transport = MeasureIds.of(UUID.fromString(plan), "TRA.1");
        UUID pantry = MeasureIds.of(UUID.fromString(plan), "POV.2");
        String proposal = proposals.get(0);
        TopicReader planEvents = TopicReader.fromNow(org.coprogram.contracts.Topics.PLANS);
        given().auth().oauth2(Tokens.of("regione")).header("Idempotency-Key", "trace-" + plan)
                .contentType(ContentType.JSON)
                .body(Map.of("contribution", Map.of("kind", "PROPOSAL", "id", proposal), "outcome", "INCORPORATED",
                        "reason", "Il trasporto sociale è l'intervento TRA.1"))
                .post("/api/measures/" + transport + "/links").then().statusCode(201);
        Map<String, Object> cluster = await("a cluster of two or more").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/api/plans/" + plan + "/synthesis/clusters").then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList("analysis.clusters").stream()
                        .filter(c -> ((Number) c.get("size")).intValue() >= 2).findFirst().orElse(null),
                        java.util.Objects::nonNull);
        List<String> linked = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(Map.of("contribution", Map.of("kind", "CLUSTER", "id", cluster.get("id")), "outcome",
                        "PARTIALLY_INCORPORATED", "reason", "Le proposte del gruppo sono riprese in parte"))
                .post("/api/measures/" + pantry + "/links").then().statusCode(201).extract().jsonPath()
                .getList("links.contribution.id", String.class);
        assertThat(linked).isNotEmpty().isSubsetOf(((List<?>) cluster.get("members")).stream()
                .map(Object::toString).toList());
        // Links to measures only in the draft are the region's working material: announced when v1 publishes them.
        try (planEvents) {
            assertThat(Relayed.matching(planEvents, TopicReader.ofType(
                    org.coprogram.contracts.EventTypes.PLAN_CONTRIBUTION_LINKED, plan), 0, Duration.ZERO)).isEmpty();
            publish(plan);
            assertThat(Relayed.matching(planEvents, TopicReader.ofType(
                    org.coprogram.contracts.EventTypes.PLAN_CONTRIBUTION_LINKED, plan), 1 + linked.size(),
                    Duration.ofSeconds(30))).hasSize(1 + linked.size());
        }

        // v2 changes TRA.1's text and resources; the Giunta adopts it.
        draft(plan, 1, "Trasporto sociale e accompagnamento", "120000.50");
        publish(plan);
        given().get("/api/plans/" + plan + "/document/diff?from=1&to=2").then().statusCode(200)
                .body("measures.code", contains("TRA.1"));
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{\"phase\":\"SYNTHESIS\"}")
                .post("/api/plans/" + plan + "/phase").then().statusCode(200);
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body("{\"resolutionNumber\":\"DGR 777/2026\",\"resolutionDate\":\"2026-06-30\","
                        + "\"documentUrl\":\"https://example.org/dgr-777.pdf\"}")
                .post("/api/plans/" + plan + "/adoption").then().statusCode(200);

        // The proposal may also be in the linked cluster (then it fed POV.2 too): TRA.1 is the one linked alone.
        String tra = "measures.find { it.code == 'TRA.1' }.";
        given().get("/api/proposals/" + proposal + "/fate").then().statusCode(200)
                .body("measures.code", hasItem("TRA.1"))
                .body(tra + "title", equalTo("Trasporto sociale e accompagnamento"))
                .body(tra + "outcome", equalTo("INCORPORATED"))
                .body(tra + "versions.version", contains(1, 2))
                .body(tra + "versions.linkIncluded", contains(true, true))
                .body(tra + "adoptedWith.resolutionNumber", equalTo("DGR 777/2026"))
                .body("adoption.documentUrl", equalTo("https://example.org/dgr-777.pdf"));

        // The cluster's measure counts its contributions where proposal-service places them.
        Map<String, Long> districts = new TreeMap<>();
        Map<String, Long> categories = new TreeMap<>();
        for (String id : linked) {
            JsonPath view = given().get("/api/proposals/" + id).then().statusCode(200).extract().jsonPath();
            districts.merge(view.getString("district"), 1L, Long::sum);
            categories.merge(view.getString("category"), 1L, Long::sum);
        }
        JsonPath page = given().get("/api/measures/" + pantry).then().statusCode(200)
                .body("versions.version", contains(1, 2)).body("linked.total", equalTo(linked.size()))
                .extract().jsonPath();
        assertThat(page.getLong("contributions.total")).isEqualTo(linked.size());
        assertThat(tally(page, "contributions.byDistrict")).isEqualTo(districts);
        assertThat(tally(page, "contributions.byCategory")).isEqualTo(categories);
        JsonPath measure = new JsonPath(given().get("/api/measures/" + transport).then().statusCode(200).extract()
                .asString()).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertThat(measure.getString("versions[0].measure.title")).isEqualTo("Trasporto sociale");
        assertThat(measure.getString("versions[1].total")).isEqualTo("145000.60");
        assertThat(measure.getBoolean("versions[1].adopted")).isTrue();
    }

    private static Map<String, Long> tally(JsonPath page, String path) {
        Map<String, Long> found = new TreeMap<>();
        List<Map<String, Object>> rows = page.getList(path);
        rows.forEach(r -> found.put((String) r.get("code"), ((Number) r.get("contributions")).longValue()));
        return found;
    }

    private static void draft(String plan, int revision, String title, String amount) {
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(DRAFT.formatted(revision, title, amount)).put("/api/plans/" + plan + "/document/draft").then()
                .statusCode(200);
    }

    private static void publish(String plan) {
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + plan + "/document/versions").then().statusCode(201);
    }
}
