package org.coprogram.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class ApiProxyTest {

    @Test
    void eachPathGoesToTheServiceThatOwnsIt() {
        Map<String, String> owners = Map.of(
                "/api/plans", "synthesis",
                "/api/plans/p1", "synthesis",
                "/api/territories/puglia", "synthesis",
                "/api/plans/p1/proposals", "proposal",
                "/api/proposals/x1/supports", "proposal",
                "/api/plans/p1/surveys", "survey",
                "/api/surveys/s1/results", "survey",
                "/api/plans/p1/meetings", "meeting",
                "/api/meetings/m1/calendar.ics", "meeting");
        owners.forEach((path, service) -> given().get(path).then().statusCode(200)
                .header("X-Upstream", service).body("uri", equalTo(path)));
    }

    @Test
    void anonymousReadPassesWithQueryStatusAndHeadersPreserved() {
        given().queryParam("theme", "anziani").queryParam("q", "l'anziano").get("/api/plans/p1/proposals")
                .then().statusCode(200).body("uri", equalTo("/api/plans/p1/proposals?theme=anziani&q=l%27anziano"))
                .body("authorization", equalTo(null));
        given().get("/api/proposals/teapot").then().statusCode(418).header("X-Upstream", "proposal");
    }

    @Test
    void aServiceThatDropsTheConnectionIsA503ProblemWithRetryAfter() {
        given().get("/api/proposals/crash").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("status", equalTo(503))
                .body("title", equalTo("Servizio temporaneamente non disponibile"))
                .body("instance", equalTo("/api/proposals/crash"));
    }

    @Test
    void anonymousWriteIsRefusedBeforeReachingAService() {
        given().contentType(ContentType.JSON).body("{}").post("/api/plans/p1/proposals")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", notNullValue())
                .body("status", equalTo(401)).body("title", notNullValue());
    }

    @Test
    void invalidTokenIsRefused() {
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").get("/api/plans")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void authenticatedWriteStreamsBodyAndForwardsTokenAndRequestId() {
        String token = Tokens.of("cittadino");
        String body = "{\"text\":\"" + "a".repeat(600_000) + "\"}";
        given().auth().oauth2(token).header("X-Request-Id", "test-req-1").contentType(ContentType.JSON).body(body)
                .post("/api/plans/p1/proposals")
                .then().statusCode(200)
                .header("X-Request-Id", "test-req-1")
                .body("authorization", equalTo("Bearer " + token))
                .body("requestId", equalTo("test-req-1"))
                .body("forwardedFor", equalTo("127.0.0.1"))
                .body("bodyBytes", equalTo(body.length()));
    }

    @Test
    void missingRequestIdIsAssigned() {
        given().get("/api/plans").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body("{\"text\":\"" + "a".repeat(1_100_000) + "\"}").post("/api/plans")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void anAccountOverItsRateGets429WithRetryAfter() {
        String token = Tokens.of("moderatore");
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            responses.add(given().auth().oauth2(token).get("/api/plans"));
        }
        assertThat(responses).extracting(Response::statusCode).contains(200, 429);
        Response limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        // Another account is not affected.
        given().auth().oauth2(Tokens.of("regione")).get("/api/plans").then().statusCode(200);
    }

    @Test
    void openApiOfAllServicesIsMergedIntoOne() {
        given().get("/openapi.json").then().statusCode(200)
                .body("paths", hasKey("/api/proposal"))
                .body("paths", hasKey("/api/survey"))
                .body("paths", hasKey("/api/meeting"))
                .body("paths", hasKey("/api/synthesis"))
                .body("components.schemas", hasKey("proposalView"));
    }

    @Test
    void healthIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
