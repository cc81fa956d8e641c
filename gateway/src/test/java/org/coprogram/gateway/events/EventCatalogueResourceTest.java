package org.coprogram.gateway.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.coprogram.gateway.proxy.Upstreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@Tag("service")
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class EventCatalogueResourceTest {

    @Test
    void theGatewayServesTheAsyncApiDocumentAndEachSchema() {
        given().get("/asyncapi.yaml").then().statusCode(200).contentType("application/yaml")
                .body(containsString("asyncapi: 3.0.0"))
                .body(containsString("$ref: './asyncapi/schemas/org.coprogram.proposal.submitted.v1.json'"))
                .body(not(containsString("$ref: './schemas/")));
        given().get("/asyncapi/schemas/org.coprogram.proposal.submitted.v1.json").then().statusCode(200)
                .contentType("application/schema+json").body("title", equalTo("org.coprogram.proposal.submitted.v1"))
                .body("x-topic", equalTo("coprogram.proposals"));
    }

    @Test
    void anUnknownOrMalformedSchemaNameIsA404Problem() {
        given().get("/asyncapi/schemas/org.coprogram.nothing.v1.json").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/asyncapi/schemas/..%2Fasyncapi.yaml").then().statusCode(404);
        given().get("/asyncapi/schemas/Evil.JSON").then().statusCode(404).contentType("application/problem+json");
    }
}
