package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.coprogram.testing.TestNamespace;
import org.coprogram.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Partner clients of the tests' own, made in the running Keycloak through its admin API when missing (as
 * TokenValidationE2ETest makes its short-lived client): confidential clients with a service account holding the realm
 * role {@code partner} and the {@code coprogram-api} audience, like the demo {@code partner-demo}. They exist only in
 * the local Keycloak's tests' realm ({@link TestNamespace#REALM}), not in the realm file, so no deployment, and not
 * the demo, ever has them; their own clients keep the tests apart from the streams other tests open as
 * {@code partner-demo}.
 */
final class TestPartners {

    private static final String KEYCLOAK = Tokens.KEYCLOAK;
    private static final String ADMIN = TestNamespace.adminUrl();
    private static final String OIDC = TestNamespace.realmUrl() + "/protocol/openid-connect";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestPartners() {
    }

    /** A client-credentials token of the test partner {@code clientId}, whose tokens live {@code lifespan}. */
    static String token(String clientId, Duration lifespan) throws Exception {
        ensure(clientId, lifespan);
        HttpResponse<String> response = form(OIDC + "/token",
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret(clientId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** Revokes an access token at Keycloak (RFC 7009), as the partner itself would. */
    static void revoke(String clientId, String token) throws Exception {
        HttpResponse<String> response = form(OIDC + "/revoke", Map.of("token", token, "token_type_hint",
                "access_token", "client_id", clientId, "client_secret", secret(clientId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** A JWT's claims, read without verification (the gateway verifies). */
    static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String secret(String clientId) {
        return clientId + "-secret";
    }

    private static void ensure(String clientId, Duration lifespan) throws Exception {
        String admin = adminToken();
        String client = """
                {"clientId":"%s","name":"Partner di prova (test e2e)","enabled":true,"publicClient":false,
                 "secret":"%s","standardFlowEnabled":false,"directAccessGrantsEnabled":false,
                 "implicitFlowEnabled":false,"serviceAccountsEnabled":true,"protocol":"openid-connect",
                 "attributes":{"access.token.lifespan":"%d"},
                 "protocolMappers":[{"name":"coprogram-api-audience","protocol":"openid-connect",
                   "protocolMapper":"oidc-audience-mapper","config":{"included.custom.audience":"coprogram-api",
                   "access.token.claim":"true","id.token.claim":"false","introspection.token.claim":"true"}}]}"""
                .formatted(clientId, secret(clientId), lifespan.toSeconds());
        HttpResponse<String> created = json("POST", ADMIN + "/clients", admin, client);
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        String id = JSON.readTree(json("GET", ADMIN + "/clients?clientId=" + clientId, admin, null).body()).path(0)
                .path("id").asText();
        String user = JSON.readTree(json("GET", ADMIN + "/clients/" + id + "/service-account-user", admin, null)
                .body()).path("id").asText();
        String role = json("GET", ADMIN + "/roles/partner", admin, null).body();
        HttpResponse<String> granted = json("POST", ADMIN + "/users/" + user + "/role-mappings/realm", admin,
                "[" + role + "]");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
    }

    private static String adminToken() throws Exception {
        HttpResponse<String> response = form(KEYCLOAK + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> json(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> form(String url, Map<String, String> fields) throws Exception {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
