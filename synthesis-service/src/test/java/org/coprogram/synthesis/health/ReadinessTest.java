package org.coprogram.synthesis.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@Tag("service")
@QuarkusTest
class ReadinessTest {

    @Test
    void readinessChecksTheDatabaseAndTheBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka-broker"))
                .body("checks.find { it.name == 'kafka-broker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka-broker' }.data.nodes", equalTo(1))
                .body("checks.find { it.name.contains('PostgreSQL') }.status", equalTo("UP"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/plans/{planId}/social-reports/{districtCode}"));
    }
}
