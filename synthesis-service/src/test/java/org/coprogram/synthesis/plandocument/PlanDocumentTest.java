package org.coprogram.synthesis.plandocument;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.contracts.Topics;
import org.coprogram.synthesis.plan.Plans;
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
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A plan's document through the API (docs/plan-document.md): region staff of the plan's region write the draft and
 * publish versions; everybody reads them and their differences; nobody else touches the draft; an adopted plan's
 * document no longer changes.
 */
@Tag("service")
@QuarkusTest
class PlanDocumentTest {

    static final String V1 = """
            {"revision":%d,"document":{"sections":[
              {"key":"NEEDS","text":"Cresce la domanda di assistenza domiciliare."},
              {"key":"CONTEXT","text":"La Puglia conta 45 ambiti territoriali sociali."}],
             "measures":[
              {"code":"M1","title":"Pronto intervento sociale","description":"Un servizio attivo tutto l'anno.",
               "theme":"poverta","leps":[],"priority":"HIGH","scope":{"level":"REGION","codes":[]},
               "resources":[{"source":"FNPS","year":2027,"amount":50000.20},{"source":"FNPS","year":2026,"amount":100000.10},
                            {"source":"FNA","year":2026,"amount":0.30}],"office":"Sezione Inclusione sociale","indicators":[]},
              {"code":"M2","title":"Assistenza domiciliare a Bari","theme":"anziani","priority":"MEDIUM",
               "scope":{"level":"DISTRICTS","codes":["BA-BARI"]},"resources":[{"source":"FNA","year":2026,"amount":1000}]}]}}""";

    @Inject
    DataSource database;

    @Test
    void regionStaffPublishVersionsThatThePublicReadsAndComparesToTheCent() {
        String plan = Plans.pugliaIn("CONSULTATION");
        as("regione").get(path(plan, "draft")).then().statusCode(200).body("revision", equalTo(0))
                .body("document.measures", equalTo(List.of())).body("fundingSources[0].code", equalTo("FNPS"));

        JsonPath draft = decimals(write("regione", plan, V1.formatted(0)).statusCode(200)
                .body("revision", equalTo(1)));
        assertThat(draft.getList("document.sections.key")).containsExactly("CONTEXT", "NEEDS");
        assertThat(amounts(draft, "document.measures[0].resources.amount")).containsExactly("0.30", "100000.10",
                "50000.20");
        assertThat(draft.getString("totals.total")).isEqualTo("151000.60");
        assertThat(amounts(draft, "totals.bySourceAndYear.amount")).containsExactly("100000.10", "50000.20",
                "1000.30");
        assertThat(amounts(draft, "totals.bySource.amount")).containsExactly("150000.30", "1000.30");
        assertThat(amounts(draft, "totals.byYear.amount")).containsExactly("101000.40", "50000.20");
        as(null).get(path(plan, "versions")).then().statusCode(200).body("total", equalTo(0));

        JsonNode event;
        String raw;
        try (TopicReader plans = TopicReader.fromNow(Topics.PLANS)) {
            assertThat(decimals(publish("regione", plan, "{\"note\":\"Prima stesura\"}", "doc-" + plan)
                    .statusCode(201).body("version", equalTo(1))).getString("total")).isEqualTo("151000.60");
            ConsumerRecord<String, String> record = plans.await(TopicReader.ofType(
                    EventTypes.PLAN_DOCUMENT_PUBLISHED, plan), 1, Duration.ofSeconds(15), Duration.ZERO).get(0);
            raw = record.value();
            event = EventSchemas.JSON.readTree(raw);
            // One plan.measure-published per measure, with its text, for the services where people comment on it.
            for (ConsumerRecord<String, String> measure : plans.await(
                    TopicReader.ofType(EventTypes.PLAN_MEASURE_PUBLISHED, plan), 2, Duration.ofSeconds(15),
                    Duration.ZERO)) {
                JsonNode data = EventSchemas.JSON.readTree(measure.value());
                assertThat(EventSchemas.strict(EventSchemas.read(EventSchemas.CURRENT)
                        .get(EventTypes.PLAN_MEASURE_PUBLISHED)).validate(data)).isEmpty();
                assertThat(data.path("measureId").asText()).isEqualTo(
                        MeasureIds.of(java.util.UUID.fromString(plan), data.path("code").asText()).toString());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(EventSchemas.strict(EventSchemas.read(EventSchemas.CURRENT)
                .get(EventTypes.PLAN_DOCUMENT_PUBLISHED)).validate(event)).isEmpty();
        assertThat(raw).as("amounts written as the decimals they are").contains("\"total\":150000.60",
                "\"total\":151000.60");
        publish("regione", plan, "{\"note\":\"Prima stesura\"}", "doc-" + plan).statusCode(201)
                .body("version", equalTo(1));

        write("regione", plan, V1.formatted(1).replace("Un servizio attivo tutto l'anno.",
                "Un servizio attivo tutto l'anno, anche di notte.").replace("50000.20", "65000.00"))
                .statusCode(200).body("revision", equalTo(2));
        write("regione", plan, V1.formatted(1)).statusCode(409);
        publish("regione", plan, null, null).statusCode(201).body("version", equalTo(2));
        publish("regione", plan, null, null).statusCode(409);

        as(null).get(path(plan, "diff") + "?from=1&to=2").then().statusCode(200).body("sections", equalTo(List.of()))
                .body("measures.code", contains("M1")).body("measures[0].change", equalTo("CHANGED"))
                .body("measures[0].fields.field", containsInAnyOrder("description", "resources"))
                .body("measures[0].fields.find { it.field == 'resources' }.after.year", hasItems(2027));
        JsonPath first = decimals(as(null).get(path(plan, "versions/1")).then().statusCode(200)
                .body("version", equalTo(1)).body("note", equalTo("Prima stesura")).body("adopted", nullValue()));
        assertThat(first.getString("document.measures[0].resources[2].amount")).isEqualTo("50000.20");
        assertThat(first.getString("totals.total")).isEqualTo("151000.60");
        JsonPath versions = decimals(as(null).get(path(plan, "versions")).then().statusCode(200)
                .body("total", equalTo(2)).body("items.version", contains(2, 1)));
        assertThat(versions.getString("items[0].total")).isEqualTo("166000.40");
        assertThat(decimals(as(null).get(path(plan, "diff") + "?from=1&to=2").then()).getList(
                "measures[0].fields.find { it.field == 'resources' }.after.amount", BigDecimal.class))
                .contains(new BigDecimal("65000.00"));
        as(null).get(path(plan, "versions/3")).then().statusCode(404);
        as(null).get(path(plan, "diff") + "?from=1&to=x").then().statusCode(422);
    }

    @Test
    void onlyRegionStaffOfThePlansRegionSeeOrChangeTheDraft() {
        String plan = Plans.pugliaIn("CONSULTATION");
        long audit = audit(plan);
        as(null).get(path(plan, "draft")).then().statusCode(401);
        write(null, plan, V1.formatted(0)).statusCode(401);
        publish(null, plan, null, null).statusCode(401);
        for (String token : List.of(Tokens.of("cittadino"), Tokens.of("ets"), Tokens.of("ambito"),
                Tokens.of("moderatore"), Tokens.of("regione-abruzzo"),
                Tokens.ofClient("partner-demo", "partner-demo-secret"))) {
            given().auth().oauth2(token).get(path(plan, "draft")).then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(V1.formatted(0))
                    .put(path(plan, "draft")).then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").post(path(plan, "versions"))
                    .then().statusCode(403);
        }
        as("regione").get(path(plan, "draft")).then().statusCode(200).body("revision", equalTo(0));
        as(null).get(path(plan, "versions")).then().statusCode(200).body("total", equalTo(0));
        assertThat(audit(plan)).isEqualTo(audit);
    }

    @Test
    void anInvalidDocumentIsRefusedWithEveryReasonAndChangesNothing() {
        String plan = Plans.pugliaIn("CONSULTATION");
        String bad = """
                {"revision":0,"document":{"sections":[{"key":"INTRO","text":"x"},{"key":"NEEDS","text":" "}],
                 "measures":[
                  {"code":"m 1","title":"Ok","theme":"casa","leps":["pippi"],"priority":"URGENT",
                   "scope":{"level":"DISTRICTS","codes":["ADS-PESCARA"]},
                   "resources":[{"source":"FONDO-INVENTATO","year":2031,"amount":10.005},
                                {"source":"FNA","year":2026,"amount":-1}]},
                  {"code":"M2","title":"Un titolo","theme":"anziani","priority":"LOW","scope":{"level":"REGION"},
                   "indicators":["00000000-0000-0000-0000-000000000000"]},
                  {"code":"M2","title":"Un altro titolo","theme":"anziani","priority":"LOW","scope":{"level":"REGION"}}]}}""";
        write("regione", plan, bad).statusCode(422).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("sections[0].key",
                        "sections[1].text", "measures[0].code", "measures[0].title", "measures[0].theme",
                        "measures[0].leps[0]", "measures[0].priority", "measures[0].scope.codes[0]",
                        "measures[0].resources[0].source", "measures[0].resources[0].year",
                        "measures[0].resources[0].amount", "measures[0].resources[1].amount",
                        "measures[1].indicators[0]", "measures[2].code"));
        write("regione", plan, "{\"document\":{}}").statusCode(422);
        write("regione", plan, "{\"revision\":0,\"document\":{\"measures\":[{\"resources\":[{\"amount\":\"1\"}]}]}}")
                .statusCode(400);
        publish("regione", plan, null, null).statusCode(409);
        as("regione").get(path(plan, "draft")).then().statusCode(200).body("revision", equalTo(0));
        assertThat(audit(plan)).isZero();
    }

    @Test
    void theDocumentOfAnAdoptedPlanNoLongerChangesAndItsLastVersionIsTheAdoptedOne() {
        String plan = Plans.pugliaIn("SYNTHESIS");
        write("regione", plan, V1.formatted(0)).statusCode(200);
        publish("regione", plan, null, null).statusCode(201);
        Plans.adopt("regione", plan, Plans.DGR).statusCode(200);

        write("regione", plan, V1.formatted(1).replace("M2", "M3")).statusCode(409);
        publish("regione", plan, null, null).statusCode(409);
        as(null).get(path(plan, "versions")).then().statusCode(200)
                .body("items[0].adopted.resolutionNumber", equalTo("DGR 1234/2026"));
        as(null).get(path(plan, "versions/1")).then().statusCode(200)
                .body("adopted.resolutionDate", equalTo("2026-03-10"));
    }

    /** The body read with every number as the decimal it is written as, not as a double. */
    private static JsonPath decimals(ValidatableResponse response) {
        return new JsonPath(response.extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static List<String> amounts(JsonPath json, String path) {
        return json.getList(path, BigDecimal.class).stream().map(BigDecimal::toPlainString).toList();
    }

    private long audit(String plan) {
        return Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_id = ? AND action LIKE ?", plan,
                "plan.document%");
    }

    private static String path(String plan, String rest) {
        return "/api/plans/" + plan + "/document/" + rest;
    }

    private static RequestSpecification as(String user) {
        return user == null ? given() : given().auth().oauth2(Tokens.of(user));
    }

    private static ValidatableResponse write(String user, String plan, String body) {
        return as(user).contentType(ContentType.JSON).body(body).put(path(plan, "draft")).then().log()
                .ifValidationFails();
    }

    private static ValidatableResponse publish(String user, String plan, String body, String key) {
        RequestSpecification request = as(user).contentType(ContentType.JSON).body(body == null ? "{}" : body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post(path(plan, "versions")).then();
    }
}
