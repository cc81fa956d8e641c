package org.coprogram.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coprogram.testing.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

@Tag("service")
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class ApiProxyTest {

    @TestHTTPResource("/")
    URI gateway;

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
    void anonymousOneClickUnsubscribeReachesNotificationService() {
        given().contentType(ContentType.URLENC).body("List-Unsubscribe=One-Click")
                .post("/api/notifications/unsubscribe?token=t").then().statusCode(200)
                .body("service", equalTo("notification")).body("method", equalTo("POST"));
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
    void aChunkedBodyOverTheLimitIs413ProblemJsonAndNothingReachesTheService() throws Exception {
        String path = "/api/plans/p1/proposals/chunked-" + UUID.randomUUID();
        String control = "/api/plans/p1/proposals/control-" + UUID.randomUUID();
        HttpResponse<String> response = postChunked(path, 1_500_000);
        assertThat(postChunked(control, 10).statusCode()).isEqualTo(200);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getInteger("status")).isEqualTo(413);
        assertThat(problem.getString("title")).isEqualTo("Richiesta troppo grande");
        assertThat(problem.getString("detail")).isEqualTo("Il corpo della richiesta supera 1048576 byte");
        assertThat(problem.getString("instance")).isEqualTo(path);
        String proposal = ConfigProvider.getConfig().getValue("gateway.services.proposal", String.class);
        JsonArray received = new JsonArray(given().baseUri(proposal).get("/_received").asString());
        assertThat(received.getList()).as("requests that reached the proposal service").contains(control)
                .doesNotContain(path);
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheServiceWhole() throws Exception {
        HttpResponse<String> response = postChunked("/api/plans/p1/proposals", 1_000_000);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject received = new JsonObject(response.body());
        assertThat(received.getString("service")).isEqualTo("proposal");
        assertThat(received.getInteger("bodyBytes")).isEqualTo(1_000_000 + "{\"text\":\"\"}".length());
    }

    @Test
    void overHttp2ReadsPassAndBodiesWithoutLengthAreBoundedToo() throws Exception {
        // HTTP/2 (h2c, as Java's client speaks it): no request announces whether a body follows.
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        List<HttpResponse<String>> reads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reads.add(http2.send(HttpRequest.newBuilder(gateway.resolve("/api/plans/p1/surveys"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(reads).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(reads.get(2).version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(new JsonObject(reads.get(2).body()).getInteger("bodyBytes")).isZero();

        HttpResponse<String> within = postWithoutLength(http2, "/api/plans/p1/proposals", 500_000);
        assertThat(within.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(within.body()).getInteger("bodyBytes")).isEqualTo(500_000 + 11);
        HttpResponse<String> over = postWithoutLength(http2, "/api/plans/p1/proposals", 1_500_000);
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(over.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    /** A body of unknown length for the client, so it is sent chunked (HTTP/1.1, no Content-Length). */
    private HttpResponse<String> postChunked(String path, int textBytes) throws Exception {
        return postWithoutLength(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), path,
                textBytes);
    }

    private HttpResponse<String> postWithoutLength(HttpClient http, String path, int textBytes) throws Exception {
        byte[] body = ("{\"text\":\"" + "a".repeat(textBytes) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Tokens.of("cittadino")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void heavyRequestsHaveTheirOwnLowerLimitThatAForgedForwardedForDoesNotEscape() {
        // %test: 3 heavy requests at once per address, then 6 a minute; ordinary reads 1000/s. Another class's
        // anonymous heavy request (the export's refusal) may have taken a token of this address's bucket already.
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", "198.51.100." + i).get("/api/plans/p1/synthesis/report")
                    .then().statusCode(anyOf(equalTo(200), equalTo(429)));
        }
        Response refused = given().header("X-Forwarded-For", "198.51.100.99").queryParam("format", "pdf")
                .get("/api/plans/p1/synthesis/clusters");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 11);
        assertThat(refused.jsonPath().getString("title")).isEqualTo("Troppe richieste");
        assertThat(refused.jsonPath().getString("detail")).contains("report, gruppi tematici ed esportazioni CSV");
        given().get("/api/surveys/s1/responses.csv").then().statusCode(429);
        given().get("/api/plans/p1/synthesis").then().statusCode(200); // an ordinary read, meanwhile
    }

    @Test
    void anAccountsErasureRequestsHaveTheHeavyLimitWhileItsStatusPollingKeepsTheGeneralOne() {
        // %test: 3 heavy requests at once per account, then 60 a minute (one a second). No other class acts as "ets".
        String token = Tokens.of("ets");
        List<Integer> posts = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Response response = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"contributions\":\"PSEUDONYMOUS\"}").post("/api/me/erasure");
            posts.add(response.statusCode());
            refused = response.statusCode() == 429 ? response : null;
        }
        assertThat(refused).as("a 429 among the POSTs " + posts).isNotNull();
        assertThat(posts.indexOf(429)).as("the first three pass").isGreaterThanOrEqualTo(3);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("detail")).contains("richieste di cancellazione");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get("/api/me/erasure").then().statusCode(200)
                    .header("X-Upstream", "proposal");
        }
        // Another account's request is not affected.
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body("{\"contributions\":\"PSEUDONYMOUS\"}").post("/api/me/erasure").then().statusCode(200);
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
