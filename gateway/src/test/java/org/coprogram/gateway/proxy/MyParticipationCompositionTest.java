package org.coprogram.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code GET /api/me/participation}: the gateway asks each service for the first page of its part with the caller's
 * own token and puts the answers side by side; anonymous callers are refused before any service is asked.
 */
@Tag("service")
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class MyParticipationCompositionTest {

    @Test
    void eachPartIsAskedOfItsServiceWithTheCallersToken() {
        String token = Tokens.of("cittadino");
        given().auth().oauth2(token).get("/api/me/participation?size=3").then().statusCode(200)
                .header("Cache-Control", "private, no-store")
                .body("proposals.service", equalTo("proposal"))
                .body("proposals.uri", equalTo("/api/me/proposals?page=0&size=3"))
                .body("supports.uri", equalTo("/api/me/supports?page=0&size=3"))
                .body("comments.service", equalTo("proposal"))
                .body("comments.uri", equalTo("/api/me/comments?page=0&size=3"))
                .body("registrations.service", equalTo("meeting"))
                .body("registrations.uri", equalTo("/api/me/registrations?page=0&size=3"))
                .body("surveyReceipts.service", equalTo("survey"))
                .body("surveyReceipts.uri", equalTo("/api/me/survey-receipts?page=0&size=3"))
                .body("proposals.authorization", equalTo("Bearer " + token))
                .body("surveyReceipts.authorization", equalTo("Bearer " + token))
                .body("unavailable", empty())
                .body("links.registrations", equalTo("/api/me/registrations"));
    }

    @Test
    void theComposedOperationIsInTheAggregatedOpenApi() {
        given().get("/openapi.json").then().statusCode(200)
                .body("paths.'/api/me/participation'.get.operationId", equalTo("getMyParticipation"));
    }

    @Test
    void anonymousCallersAndBadSizesAreRefused() {
        given().get("/api/me/participation").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("cittadino")).get("/api/me/participation?size=500").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
