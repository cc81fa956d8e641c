package org.coprogram.synthesis.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.coprogram.synthesis.plan.Plans;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@Tag("service")
@QuarkusTest
class IndicatorResourceTest {

    static final String INDICATOR = """
            {"name":"Anziani in assistenza domiciliare integrata","theme":"anziani","unit":"% over 65",
             "baseline":2.0,"target":4.0,"direction":"INCREASE"}""";

    static String monitoredPlan() {
        String plan = Plans.pugliaIn("SYNTHESIS");
        Plans.adopt("regione", plan, Plans.DGR).statusCode(200);
        return plan;
    }

    static String define(String plan) {
        return given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(INDICATOR)
                .post("/api/plans/" + plan + "/indicators").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse measure(String user, String plan, String indicator, String district, String period,
            String value) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body("{\"value\":" + value + "}")
                .put("/api/plans/" + plan + "/indicators/" + indicator + "/values/" + district + "/" + period).then();
    }

    @Test
    void progressPerDistrictAndRegionFollowsTheLatestValues() {
        String plan = monitoredPlan();
        String indicator = define(plan);
        measure("ambito", plan, indicator, "BA-BARI", "2026", "2.5").statusCode(200);
        measure("ambito", plan, indicator, "BA-BARI", "2027", "3.0").statusCode(200)
                .body("byDistrict[0].progress", equalTo(50.0f));
        measure("regione", plan, indicator, "FG-FOGGIA", "2027", "4.0").statusCode(200);
        // A corrected value replaces the earlier one for the same period.
        measure("ambito-foggia", plan, indicator, "FG-FOGGIA", "2027", "4.5").statusCode(200);

        given().get("/api/plans/" + plan + "/indicators").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].byDistrict", hasSize(2))
                .body("[0].byDistrict[0].districtCode", equalTo("BA-BARI"))
                .body("[0].byDistrict[0].period", equalTo("2027"))
                .body("[0].byDistrict[1].progress", equalTo(125.0f))
                .body("[0].progress", equalTo(87.5f));
    }

    @Test
    void onlyTheDistrictOrTheRegionRecordsValuesAndOnlyDuringMonitoring() {
        String plan = monitoredPlan();
        String indicator = define(plan);
        measure("ambito", plan, indicator, "FG-FOGGIA", "2026", "3").statusCode(403);
        measure("cittadino", plan, indicator, "BA-BARI", "2026", "3").statusCode(403);
        measure("ambito", plan, indicator, "BA-BARI", "26", "3").statusCode(422)
                .body("violations[0].field", equalTo("period"));
        measure("ambito", plan, indicator, "BA-BARI", "2026", "\"tre\"").statusCode(400)
                .body("violations[0].field", equalTo("value"));

        String consultation = Plans.pugliaIn("CONSULTATION");
        String early = define(consultation);
        measure("ambito", consultation, early, "BA-BARI", "2026", "3").statusCode(409);
        given().get("/api/plans/" + consultation + "/indicators/" + early).then().statusCode(200)
                .body("byDistrict", hasSize(0));
    }

    @Test
    void indicatorMustPointItsTargetInItsDirection() {
        String plan = monitoredPlan();
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(INDICATOR.replace("\"INCREASE\"", "\"DECREASE\"")).post("/api/plans/" + plan + "/indicators")
                .then().statusCode(422).body("violations[0].field", equalTo("target"));
        given().auth().oauth2(Tokens.of("ambito")).contentType(ContentType.JSON).body(INDICATOR)
                .post("/api/plans/" + plan + "/indicators").then().statusCode(403);
    }
}
