package org.coprogram.gateway.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.coprogram.gateway.proxy.Upstreams;
import org.coprogram.testing.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /api/me/export}: one JSON document made of each service's part, asked with the caller's own token, as a
 * download; anonymous callers refused before any service is asked; a failing service fails the export, before the
 * document starts with a problem, after it by cutting the connection (never a partial file that looks complete).
 */
@Tag("service")
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class PersonalDataExportCompositionTest {

    @TestHTTPResource("/api/me/export")
    URI export;

    @Test
    void eachServicesPartIsAskedWithTheCallersTokenAndStreamedAsOneDownload() {
        String token = Tokens.of("cittadino");
        String body = given().auth().oauth2(token).get("/api/me/export").then().statusCode(200)
                .contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"coprogram-dati-personali.json\"")
                .header("Cache-Control", "private, no-store").extract().asString();
        JsonPath document = JsonPath.from(body);
        assertThat(document.getString("format")).isEqualTo("coprogram-personal-data/1");
        assertThat(document.getString("account")).isEqualTo(subject(token));
        assertThat(document.getString("exportedAt")).isNotBlank();
        assertThat(document.getMap("parts")).containsOnlyKeys("proposal-service", "survey-service",
                "meeting-service", "notification-service");
        assertThat(document.getString("parts.'proposal-service'.service")).isEqualTo("proposal");
        assertThat(document.getString("parts.'proposal-service'.uri")).isEqualTo("/api/me/export/proposals");
        assertThat(document.getString("parts.'survey-service'.uri")).isEqualTo("/api/me/export/surveys");
        assertThat(document.getString("parts.'meeting-service'.uri")).isEqualTo("/api/me/export/meetings");
        assertThat(document.getString("parts.'notification-service'.service")).isEqualTo("notification");
        assertThat(document.getString("parts.'notification-service'.uri")).isEqualTo("/api/me/export/notifications");
        assertThat(document.getList("parts.collect { it.value.authorization }")).containsOnly("Bearer " + token);
    }

    @Test
    void anonymousCallersAreRefusedBeforeAnyServiceIsAsked() {
        List<String> services = List.of("proposal", "survey", "meeting", "notification", "synthesis");
        List<Integer> before = services.stream().map(PersonalDataExportCompositionTest::exportsReceived).toList();
        given().get("/api/me/export").then().statusCode(401).contentType("application/problem+json");
        assertThat(services.stream().map(PersonalDataExportCompositionTest::exportsReceived).toList())
                .isEqualTo(before);
    }

    /** How many requests for an export part reached this stand-in service so far. */
    private static int exportsReceived(String service) {
        List<String> received = given().get(origin(service) + "/_received").then().extract().jsonPath()
                .getList("$", String.class);
        return (int) received.stream().filter(uri -> uri.startsWith("/api/me/export")).count();
    }

    @Test
    void aServiceFailingBeforeTheDocumentStartsFailsTheExportWithAProblem() {
        fail("proposal", "/api/me/export/proposals", "status");
        try {
            given().auth().oauth2(Tokens.of("cittadino")).get("/api/me/export").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Content-Disposition", org.hamcrest.Matchers.nullValue());
        } finally {
            fail("proposal", "/api/me/export/proposals", "none");
        }
    }

    @Test
    void aServiceFailingInTheMiddleCutsTheDownloadInsteadOfEndingItAsComplete() throws Exception {
        fail("notification", "/api/me/export/notifications", "cut");
        try {
            HttpRequest request = HttpRequest.newBuilder(export)
                    .header("Authorization", "Bearer " + Tokens.of("cittadino")).GET().build();
            String received;
            try {
                received = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException cut) {
                received = null; // the transfer was cut: what the client has is visibly incomplete
            }
            if (received != null) {
                // a client that does not notice the cut still cannot read it as a document
                String partial = received;
                assertThat(partial).doesNotEndWith("}}");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JsonObject(partial));
            }
        } finally {
            fail("notification", "/api/me/export/notifications", "none");
        }
    }

    @Test
    void theComposedOperationIsInTheAggregatedOpenApi() {
        given().get("/openapi.json").then().statusCode(200)
                .body("paths.'/api/me/export'.get.operationId", equalTo("exportMyData"));
    }

    private static void fail(String service, String path, String mode) {
        given().queryParam("path", path).queryParam("mode", mode).get(origin(service) + "/_fail").then()
                .statusCode(200);
    }

    private static String origin(String service) {
        return ConfigProvider.getConfig().getValue("gateway.services." + service, String.class);
    }

    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new JsonObject(payload).getString("sub");
    }
}
