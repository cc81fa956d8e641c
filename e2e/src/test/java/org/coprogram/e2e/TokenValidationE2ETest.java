package org.coprogram.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.coprogram.testing.TestNamespace;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every service checks a token's signature, issuer, audience and expiry itself, not only the gateway: a request that
 * reached a service directly with a token from another realm, for another audience, expired or tampered with is
 * refused with 401 before anything else happens. Security headers come with the gateway's answers, errors included.
 */
@Tag("e2e")
class TokenValidationE2ETest {

    private static final String KEYCLOAK = Tokens.KEYCLOAK;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One write per service (and the gateway) that needs an authenticated caller; the body is never looked at. */
    private static final Map<String, String> TARGETS = Map.of(
            "gateway", Platform.GATEWAY + "/api/plans/" + UUID.randomUUID() + "/proposals",
            "proposal-service", Platform.service("proposal-service") + "/api/plans/" + UUID.randomUUID() + "/proposals",
            "survey-service", Platform.service("survey-service") + "/api/plans/" + UUID.randomUUID() + "/surveys",
            "meeting-service", Platform.service("meeting-service") + "/api/plans/" + UUID.randomUUID() + "/meetings",
            "synthesis-service", Platform.service("synthesis-service") + "/api/plans");

    @Test
    void everyServiceRefusesTokensOfAnotherIssuerAudienceOrSignatureAndExpiredOnes() throws Exception {
        String valid = Tokens.of("cittadino");
        post(TARGETS.get("gateway"), valid); // the HTTP client's first request is slow: not while a token ages
        Map<String, String> refused = Map.of(
                "another realm's token", token("master", "admin-cli", null, "admin", "admin"),
                "a token for another audience", token(TestNamespace.REALM, "admin-cli", null, "cittadino", "cittadino"),
                "a tampered signature", tampered(valid),
                "an expired token", expired());

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> target : TARGETS.entrySet()) {
            int accepted = post(target.getValue(), valid).statusCode();
            if (accepted == 401) {
                failures.add(target.getKey() + " refused a valid token");
            }
            for (Map.Entry<String, String> token : refused.entrySet()) {
                Response response = post(target.getValue(), token.getValue());
                if (response.statusCode() != 401) {
                    failures.add(target.getKey() + " answered " + token.getKey() + " with " + response.statusCode());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theGatewaysAnswersCarryTheSecurityHeadersErrorsIncluded() {
        for (Response response : List.of(given().get(Platform.GATEWAY + "/api/plans"),
                given().get(Platform.GATEWAY + "/api/proposals/" + UUID.randomUUID()),
                post(TARGETS.get("gateway"), "not-a-token"))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    private static Response post(String url, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").post(url);
    }

    /** A token from Keycloak's password grant (admin-cli is a public client in every realm). */
    private static String token(String realm, String client, String secret, String user, String password)
            throws Exception {
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", "password", "client_id", client,
                "username", user, "password", password));
        if (secret != null) {
            form.put("client_secret", secret);
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/" + realm
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("access_token")).as(realm + "/" + client + ": " + response.body()).isTrue();
        return body.path("access_token").asText();
    }

    /** The payload left alone, the signature's first character changed: the signature no longer matches. */
    private static String tampered(String jwt) {
        int signature = jwt.lastIndexOf('.') + 1;
        char first = jwt.charAt(signature);
        return jwt.substring(0, signature) + (first == 'A' ? 'B' : 'A') + jwt.substring(signature + 1);
    }

    /**
     * A token with every right claim that has run out: from a test client whose tokens live 5 seconds, with the same
     * audience mapper as the platform's clients (created through the admin API if missing, in the tests' realm).
     */
    private static String expired() throws Exception {
        String admin = token("master", "admin-cli", null, "admin", "admin");
        String client = """
                {"clientId":"expiry-test-5s","publicClient":true,"directAccessGrantsEnabled":true,
                 "standardFlowEnabled":false,"attributes":{"access.token.lifespan":"5"},
                 "protocolMappers":[{"name":"coprogram-api audience","protocol":"openid-connect",
                   "protocolMapper":"oidc-audience-mapper","config":{"included.client.audience":"coprogram-api",
                   "access.token.claim":"true","id.token.claim":"false"}}]}""";
        HTTP.send(HttpRequest.newBuilder(URI.create(TestNamespace.adminUrl() + "/clients"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client)).build(), HttpResponse.BodyHandlers.ofString());
        String token = token(TestNamespace.REALM, "expiry-test-5s", null, "cittadino", "cittadino");
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("aud").toString()).contains("coprogram-api");
        // Fresh, the same token is accepted: the refusal later is its expiry and nothing else.
        assertThat(post(TARGETS.get("proposal-service"), token).statusCode()).isNotEqualTo(401);
        await("the 5-second token refused everywhere once it has run out").atMost(Duration.ofSeconds(20))
                .pollDelay(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> TARGETS.values().stream().allMatch(url -> post(url, token).statusCode() == 401));
        return token;
    }
}
