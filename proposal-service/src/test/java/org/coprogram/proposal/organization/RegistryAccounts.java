package org.coprogram.proposal.organization;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coprogram.testing.TestNamespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keycloak for the registry's tests, in the test run's realm ({@link TestNamespace#REALM}, never the demo's): the
 * registry's client {@code coprogram-organizations} as the realm file declares it (added if the realm was made from an
 * older file; {@code scripts/test-realm.py} makes it from the current one), fresh accounts of the tests' own, and tokens
 * read fresh from Keycloak so that a changed claim shows at once.
 */
final class RegistryAccounts {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "coprogram-organizations";
    private static volatile boolean clientReady;

    private RegistryAccounts() {
    }

    /** The registry's client and its service account's roles, from infra/keycloak/realm-coprogram.json. */
    static synchronized void ensureRegistryClient() {
        if (clientReady) {
            return;
        }
        try {
            JsonNode realm = JSON.readTree(Path.of("..", "infra", "keycloak", "realm-coprogram.json").toFile());
            JsonNode client = null;
            for (JsonNode c : realm.path("clients")) {
                if (CLIENT.equals(c.path("clientId").asText())) {
                    client = c;
                }
            }
            JsonNode roles = null;
            for (JsonNode u : realm.path("users")) {
                if (CLIENT.equals(u.path("serviceAccountClientId").asText())) {
                    roles = u.path("clientRoles").path("realm-management");
                }
            }
            String admin = adminToken();
            JsonNode existing = JSON.readTree(call("GET", "/clients?clientId=" + CLIENT, admin, null));
            if (existing.isEmpty()) {
                call("POST", "/clients", admin, client.toString());
                existing = JSON.readTree(call("GET", "/clients?clientId=" + CLIENT, admin, null));
            }
            String clientId = existing.get(0).path("id").asText();
            String account = JSON.readTree(call("GET", "/clients/" + clientId + "/service-account-user", admin, null))
                    .path("id").asText();
            String management = JSON.readTree(call("GET", "/clients?clientId=realm-management", admin, null)).get(0)
                    .path("id").asText();
            StringBuilder mapped = new StringBuilder("[");
            for (JsonNode role : roles) {
                mapped.append(mapped.length() > 1 ? "," : "").append(
                        call("GET", "/clients/" + management + "/roles/" + role.asText(), admin, null));
            }
            call("POST", "/users/" + account + "/role-mappings/clients/" + management, admin, mapped + "]");
            clientReady = true;
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin API unreachable", e);
        }
    }

    /** A new account of the tests' own (role {@code citizen}, no claims); its user name, also its password. */
    static String newPerson(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            String user = JSON.writeValueAsString(Map.of("username", name, "enabled", true, "emailVerified", true,
                    "email", name + "@test.coprogram.invalid", "firstName", "Test", "lastName", "Organizzazioni",
                    "realmRoles", List.of("citizen"),
                    "credentials", List.of(Map.of("type", "password", "value", name, "temporary", false))));
            call("POST", "/partialImport", adminToken(), "{\"ifResourceExists\":\"SKIP\",\"users\":[" + user + "]}");
            return name;
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin API unreachable", e);
        }
    }

    /** A new access token of the account, never a cached one. */
    static String freshToken(String username) {
        try {
            return JSON.readTree(send(HttpRequest.newBuilder(
                    URI.create(TestNamespace.realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id",
                            "coprogram-cli", "client_secret", "coprogram-demo-secret", "username", username,
                            "password", username, "scope", "openid"))))
                    .build())).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable", e);
        }
    }

    /** The claims of an access token. */
    static JsonNode claims(String token) {
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String adminToken() throws IOException {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(TestNamespace.KEYCLOAK
                + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build())).path("access_token").asText();
    }

    private static String call(String method, String path, String token, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestNamespace.adminUrl() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request.build());
    }

    private static String form(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((k, v) -> text.append(text.length() > 0 ? "&" : "").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static String send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + " to "
                        + request.method() + " " + request.uri() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
