package org.coprogram.synthesis.accountability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.contracts.Topics;
import org.coprogram.synthesis.opendata.PlanDocumentOpenData;
import org.coprogram.synthesis.plan.Plans;
import org.coprogram.testing.EventSchemas;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Public accountability of an adopted plan (docs/plan-document.md, "Accountability", "Open data of the plan"): a
 * measure's progress from the values recorded for its indicators, the region-level view with its resources to the
 * cent, the measure-progressed events, and the open-data files that add up to the same totals. What was never
 * published is unknown to everybody.
 */
@Tag("service")
@QuarkusTest
class AccountabilityTest {

    static final String COVERAGE = """
            {"name":"Anziani in assistenza domiciliare integrata","theme":"anziani","unit":"% over 65",
             "baseline":2.0,"target":4.0,"direction":"INCREASE"}""";
    static final String WAITING = """
            {"name":"Giorni di attesa per la presa in carico","theme":"poverta","unit":"giorni",
             "baseline":30,"target":20,"direction":"DECREASE"}""";

    static final String DOCUMENT = """
            {"revision":%d,"document":{"sections":[{"key":"CONTEXT","text":"La Puglia conta 45 ambiti."}],
             "measures":[
              {"code":"M1","title":"Pronto intervento sociale","theme":"poverta","priority":"HIGH",
               "scope":{"level":"REGION","codes":[]},"indicators":["%s"],
               "resources":[{"source":"FNPS","year":2026,"amount":100000.10},{"source":"FNPS","year":2027,"amount":%s},
                            {"source":"FNA","year":2026,"amount":0.30}]},
              {"code":"M2","title":"Assistenza domiciliare, Bari e Foggia","description":"Con \\"virgolette\\", e a capo\\nanche.",
               "theme":"anziani","priority":"MEDIUM","scope":{"level":"DISTRICTS","codes":["BA-BARI","FG-FOGGIA"]},
               "indicators":["%s"],"resources":[{"source":"FNA","year":2026,"amount":1000},
               {"source":"FONDI-REGIONALI","year":2028,"amount":0.01}]},
              {"code":"M3","title":"Centri diurni per anziani","theme":"anziani","priority":"LOW",
               "scope":{"level":"REGION"},"indicators":["%s"],
               "resources":[{"source":"FNPS","year":2026,"amount":33333.33}]}%s]}}""";

    @Inject
    DataSource database;

    /** An adopted plan: v1, then v2 changing M1's 2027 amount, adopted; a measure M9 written after, only in the draft. */
    record Adopted(String plan, String coverage, String waiting) {
    }

    static Adopted adopted() {
        String plan = Plans.pugliaIn("SYNTHESIS");
        String coverage = define(plan, COVERAGE);
        String waiting = define(plan, WAITING);
        write(plan, DOCUMENT.formatted(0, waiting, "50000.20", coverage, coverage, ""));
        publish(plan);
        write(plan, DOCUMENT.formatted(1, waiting, "65000.00", coverage, coverage, ""));
        publish(plan);
        write(plan, DOCUMENT.formatted(2, waiting, "65000.00", coverage, coverage, """
                ,{"code":"M9","title":"Solo in bozza","theme":"anziani","priority":"LOW","scope":{"level":"REGION"},
                  "resources":[{"source":"FNA","year":2027,"amount":999}]}"""));
        Plans.adopt("regione", plan, Plans.DGR).statusCode(200);
        return new Adopted(plan, coverage, waiting);
    }

    @Test
    void aMeasuresProgressFollowsTheValuesRecordedForItsIndicatorsPerDistrictOverTime() {
        Adopted a = adopted();
        String m2 = MeasureIds.of(UUID.fromString(a.plan()), "M2").toString();
        as(null).get("/api/measures/" + m2 + "/progress").then().statusCode(200)
                .body("code", equalTo("M2")).body("version", equalTo(2)).body("inForce", equalTo(true))
                .body("adopted.resolutionNumber", equalTo("DGR 1234/2026")).body("themeLabel", equalTo("Anziani"))
                .body("indicators", hasSize(1)).body("indicators[0].progress", nullValue())
                .body("indicators[0].towardTarget", nullValue()).body("indicators[0].byDistrict", hasSize(0));

        measure("ambito", a.plan(), a.coverage(), "BA-BARI", "2026", "2.5");
        measure("ambito", a.plan(), a.coverage(), "BA-BARI", "2027", "3.0");
        measure("regione", a.plan(), a.coverage(), "FG-FOGGIA", "2027", "4.5");
        measure("ambito", a.plan(), a.waiting(), "BA-BARI", "2026", "32");

        JsonPath progress = decimals(as(null).get("/api/measures/" + m2 + "/progress").then().statusCode(200));
        assertThat(progress.getString("indicators[0].baseline")).isEqualTo("2.0");
        assertThat(progress.getString("indicators[0].target")).isEqualTo("4.0");
        assertThat(progress.getString("indicators[0].latestPeriod")).isEqualTo("2027");
        assertThat(progress.getString("indicators[0].progress")).isEqualTo("87.5");
        assertThat(progress.getBoolean("indicators[0].towardTarget")).isTrue();
        assertThat(progress.getInt("indicators[0].districtsMeasured")).isEqualTo(2);
        assertThat(progress.getList("indicators[0].byDistrict.districtCode")).containsExactly("BA-BARI", "FG-FOGGIA");
        assertThat(progress.getString("indicators[0].byDistrict[0].districtName")).isNotBlank();
        assertThat(progress.getList("indicators[0].byDistrict[0].values.period")).containsExactly("2026", "2027");
        assertThat(amounts(progress, "indicators[0].byDistrict[0].values.value")).containsExactly("2.5", "3.0");
        assertThat(amounts(progress, "indicators[0].byDistrict[0].values.progress")).containsExactly("25.0",
                "50.0");
        assertThat(progress.getString("indicators[0].byDistrict[1].progress")).isEqualTo("125.0");
        assertThat(progress.getString("total")).isEqualTo("1000.01");
        assertThat(progress.getList("fundingSources.code")).contains("FNPS", "FNA");

        // M1's waiting time went up from 30 to 32 days: away from its target of 20.
        JsonPath m1 = decimals(as(null).get("/api/measures/" + MeasureIds.of(UUID.fromString(a.plan()), "M1")
                + "/progress").then().statusCode(200));
        assertThat(m1.getString("indicators[0].progress")).isEqualTo("-20.0");
        assertThat(m1.getBoolean("indicators[0].towardTarget")).isFalse();
        assertThat(m1.getString("total")).isEqualTo("165000.40");
    }

    @Test
    void theRegionLevelViewTotalsResourcesToTheCentAndProgressByTheme() {
        Adopted a = adopted();
        measure("ambito", a.plan(), a.coverage(), "BA-BARI", "2027", "3.0");
        measure("ambito", a.plan(), a.waiting(), "BA-BARI", "2027", "35");

        JsonPath view = decimals(as(null).get("/api/plans/" + a.plan() + "/accountability").then().statusCode(200)
                .body("version", equalTo(2)).body("adopted.resolutionNumber", equalTo("DGR 1234/2026"))
                .body("themes.theme", contains("poverta", "anziani"))
                .body("themes[1].measures.code", contains("M2", "M3")));
        assertThat(view.getString("totals.total")).isEqualTo("199333.74");
        assertThat(amounts(view, "totals.bySourceAndYear.amount")).containsExactly("133333.43", "65000.00", "1000.30",
                "0.01");
        assertThat(amounts(view, "totals.bySource.amount")).containsExactly("198333.43", "1000.30", "0.01");
        assertThat(amounts(view, "totals.byYear.amount")).containsExactly("134333.73", "65000.00", "0.01");
        assertThat(view.getInt("counts.measures")).isEqualTo(3);
        assertThat(view.getInt("counts.indicators")).isEqualTo(2);
        assertThat(view.getInt("counts.indicatorsMeasured")).isEqualTo(2);
        assertThat(view.getInt("counts.indicatorsTowardTarget")).isEqualTo(1);
        assertThat(view.getString("counts.shareTowardTarget")).isEqualTo("50.0");
        assertThat(view.getString("themes[0].total")).isEqualTo("165000.40");
        assertThat(view.getString("themes[1].total")).isEqualTo("34333.34");
        assertThat(view.getString("themes[1].counts.shareTowardTarget")).isEqualTo("100.0");
        assertThat(view.getString("themes[0].counts.shareTowardTarget")).isEqualTo("0.0");
        assertThat(view.getString("themes[1].measures[0].latest[0].progress")).isEqualTo("50.0");
        assertThat(view.getString("themes[1].measures[0].measureId"))
                .isEqualTo(MeasureIds.of(UUID.fromString(a.plan()), "M2").toString());
        assertThat(view.getList("themes.measures.code").toString()).doesNotContain("M9");
    }

    @Test
    void aValueForAnIndicatorOfAdoptedMeasuresAnnouncesEachOfThemWithoutAnAccount() throws IOException {
        Adopted a = adopted();
        UUID plan = UUID.fromString(a.plan());
        try (TopicReader plans = TopicReader.fromNow(Topics.PLANS)) {
            measure("ambito", a.plan(), a.coverage(), "BA-BARI", "2027", "3.0");
            List<ConsumerRecord<String, String>> m2 = plans.await(TopicReader.ofType(
                    EventTypes.PLAN_MEASURE_PROGRESSED, MeasureIds.of(plan, "M2").toString()), 1,
                    Duration.ofSeconds(15), database);
            List<ConsumerRecord<String, String>> m3 = plans.await(TopicReader.ofType(
                    EventTypes.PLAN_MEASURE_PROGRESSED, MeasureIds.of(plan, "M3").toString()), 1,
                    Duration.ofSeconds(15), database);
            List<ConsumerRecord<String, String>> m1 = plans.await(TopicReader.ofType(
                    EventTypes.PLAN_MEASURE_PROGRESSED, MeasureIds.of(plan, "M1").toString()), 0,
                    Duration.ZERO, database);
            assertThat(m2).hasSize(1);
            assertThat(m3).hasSize(1);
            assertThat(m1).as("M1 is measured by another indicator").isEmpty();
            JsonNode event = EventSchemas.JSON.readTree(m2.get(0).value());
            JsonNode data = event.has("data") ? event.get("data") : event;
            assertThat(EventSchemas.strict(EventSchemas.read(EventSchemas.CURRENT)
                    .get(EventTypes.PLAN_MEASURE_PROGRESSED)).validate(data)).isEmpty();
            assertThat(data.get("code").asText()).isEqualTo("M2");
            assertThat(data.get("version").asInt()).isEqualTo(2);
            assertThat(data.get("progress").decimalValue()).isEqualByComparingTo("50.0");
            assertThat(m2.get(0).value()).doesNotContain("ambito\"", "enteredBy", "regione\"");
        }
    }

    @Test
    void openDataFilesParseWithTheirDocumentedColumnsAndAddUpToTheTotalsToTheCent() throws IOException {
        Adopted a = adopted();
        JsonPath view = decimals(as(null).get("/api/plans/" + a.plan() + "/accountability").then().statusCode(200));

        String resources = as(null).get("/api/plans/" + a.plan() + "/document/open-data/resources.csv").then()
                .statusCode(200).header("Content-Type", org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Link", org.hamcrest.Matchers.containsString("license"))
                .extract().asString();
        Map<String, BigDecimal> sums = new TreeMap<>();
        BigDecimal all = BigDecimal.ZERO;
        try (CSVParser csv = CSVParser.parse(new StringReader(resources),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            assertThat(csv.getHeaderNames()).isEqualTo(PlanDocumentOpenData.RESOURCES_HEADER);
            for (CSVRecord row : csv) {
                assertThat(row.get("amount")).matches("[0-9]+\\.[0-9]{2}");
                assertThat(row.get("measure_id"))
                        .isEqualTo(MeasureIds.of(UUID.fromString(a.plan()), row.get("code")).toString());
                BigDecimal amount = new BigDecimal(row.get("amount"));
                sums.merge(row.get("source") + "/" + row.get("year"), amount, BigDecimal::add);
                all = all.add(amount);
            }
        }
        Map<String, BigDecimal> expected = new TreeMap<>();
        List<Map<String, Object>> cells = view.getList("totals.bySourceAndYear");
        for (Map<String, Object> cell : cells) {
            expected.put(cell.get("source") + "/" + cell.get("year"), (BigDecimal) cell.get("amount"));
        }
        assertThat(sums).isEqualTo(expected);
        assertThat(all.toPlainString()).isEqualTo(view.getString("totals.total"));

        String measures = as(null).get("/api/plans/" + a.plan() + "/document/open-data/measures.csv").then()
                .statusCode(200).extract().asString();
        try (CSVParser csv = CSVParser.parse(new StringReader(measures),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            assertThat(csv.getHeaderNames()).isEqualTo(PlanDocumentOpenData.MEASURES_HEADER);
            List<CSVRecord> rows = csv.getRecords();
            assertThat(rows).extracting(r -> r.get("code")).containsExactly("M1", "M2", "M3");
            assertThat(rows.get(1).get("description")).isEqualTo("Con \"virgolette\", e a capo\nanche.");
            assertThat(rows.get(1).get("scope_codes")).isEqualTo("BA-BARI;FG-FOGGIA");
            assertThat(rows.get(1).get("indicators")).isEqualTo(a.coverage());
            assertThat(rows.get(0).get("total")).isEqualTo("165000.40");
            assertThat(rows.get(0).get("adopted_resolution")).isEqualTo("DGR 1234/2026");
            assertThat(rows).extracting(r -> r.get("version")).containsOnly("2");
        }

        JsonPath json = decimals(as(null).get("/api/plans/" + a.plan() + "/document/open-data/measures.json").then()
                .statusCode(200).body("measures.code", contains("M1", "M2", "M3")));
        assertThat(json.getString("measures[0].measureId"))
                .isEqualTo(MeasureIds.of(UUID.fromString(a.plan()), "M1").toString());
        assertThat(amounts(json, "measures[0].resources.amount")).containsExactlyInAnyOrder("100000.10", "65000.00",
                "0.30");
        assertThat(json.getString("totals.total")).isEqualTo("199333.74");

        String catalogue = as(null).get("/api/open-data/catalog/puglia").then().statusCode(200).extract().asString();
        assertThat(catalogue).contains("/api/plans/" + a.plan() + "/document/open-data/measures.csv",
                "/api/plans/" + a.plan() + "/document/open-data/measures.json",
                "/api/plans/" + a.plan() + "/document/open-data/resources.csv");
    }

    @Test
    void theReadsArePublicButWhatWasNeverPublishedIsUnknownToEverybody() {
        Adopted a = adopted();
        UUID plan = UUID.fromString(a.plan());
        String draftOnly = MeasureIds.of(plan, "M9").toString();
        String published = MeasureIds.of(plan, "M1").toString();
        String unpublishedPlan = Plans.pugliaIn("CONSULTATION");
        write(unpublishedPlan, DOCUMENT.formatted(0, a.waiting(), "1", a.coverage(), a.coverage(), "")
                .replace("\"" + a.waiting() + "\"", "").replace("\"" + a.coverage() + "\"", ""));
        String unpublishedMeasure = MeasureIds.of(UUID.fromString(unpublishedPlan), "M1").toString();

        for (String user : new String[]{null, "cittadino", "ets", "ambito", "moderatore", "regione",
                "regione-abruzzo", "partner"}) {
            spec(user).get("/api/measures/" + published + "/progress").then().statusCode(200);
            spec(user).get("/api/plans/" + a.plan() + "/accountability").then().statusCode(200);
            spec(user).get("/api/plans/" + a.plan() + "/document/open-data/resources.csv").then()
                    .statusCode(200);
            spec(user).get("/api/measures/" + draftOnly + "/progress").then().statusCode(404)
                    .contentType("application/problem+json");
            spec(user).get("/api/measures/" + unpublishedMeasure + "/progress").then().statusCode(404);
            spec(user).get("/api/plans/" + unpublishedPlan + "/accountability").then().statusCode(404);
            spec(user).get("/api/plans/" + unpublishedPlan + "/document/open-data/measures.json").then()
                    .statusCode(404);
            spec(user).get("/api/plans/" + unpublishedPlan + "/document/open-data/measures.csv").then()
                    .statusCode(404);
        }
        as(null).get("/api/measures/" + UUID.randomUUID() + "/progress").then().statusCode(404);
        as(null).get("/api/measures/non-un-id/progress").then().statusCode(404);
        String catalogue = as(null).get("/api/open-data/catalog/puglia").then().statusCode(200).extract().asString();
        assertThat(catalogue).doesNotContain(unpublishedPlan + "/document/open-data");
    }

    static String define(String plan, String body) {
        return given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(body)
                .post("/api/plans/" + plan + "/indicators").then().statusCode(201).extract().path("id");
    }

    static void write(String plan, String body) {
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(body)
                .put("/api/plans/" + plan + "/document/draft").then().statusCode(200);
    }

    static void publish(String plan) {
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + plan + "/document/versions").then().statusCode(201);
    }

    static void measure(String user, String plan, String indicator, String district, String period, String value) {
        given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body("{\"value\":" + value + "}")
                .put("/api/plans/" + plan + "/indicators/" + indicator + "/values/" + district + "/" + period).then()
                .statusCode(200);
    }

    /** A fresh request as {@code user}: null is anonymous, "partner" the demo partner's client. */
    private static RequestSpecification spec(String user) {
        return "partner".equals(user)
                ? given().auth().oauth2(Tokens.ofClient("partner-demo", "partner-demo-secret"))
                : as(user);
    }

    private static RequestSpecification as(String user) {
        return user == null ? given() : given().auth().oauth2(Tokens.of(user));
    }

    private static JsonPath decimals(ValidatableResponse response) {
        return new JsonPath(response.extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static List<String> amounts(JsonPath json, String path) {
        return json.getList(path, BigDecimal.class).stream().map(BigDecimal::toPlainString).toList();
    }
}
