package org.coprogram.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real access tokens from the local Keycloak: the test run's realm ({@link TestNamespace#REALM}, a copy of the demo's
 * made for tests), client coprogram-cli, demo users.
 */
public final class Tokens {

    public static final String KEYCLOAK = TestNamespace.KEYCLOAK;
    private static final String TOKEN_URL = TestNamespace.realmUrl() + "/protocol/openid-connect/token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, long expiresAtMillis) {
    }

    private Tokens() {
    }

    /** A token for a demo user whose password equals the user name. */
    public static String of(String username) {
        Cached cached = CACHE.get(username);
        if (cached != null && cached.expiresAtMillis() > System.currentTimeMillis() + 60_000) {
            return cached.token();
        }
        JsonNode response = post(Map.of("grant_type", "password", "client_id", "coprogram-cli", "client_secret",
                "coprogram-demo-secret", "username", username, "password", username, "scope", "openid"));
        String token = response.path("access_token").asText();
        CACHE.put(username,
                new Cached(token, System.currentTimeMillis() + response.path("expires_in").asLong() * 1000));
        return token;
    }

    /** A token of a confidential client's service account (client credentials), e.g. the demo partner. */
    public static String ofClient(String clientId, String secret) {
        return post(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret))
                .path("access_token").asText();
    }

    private static JsonNode post(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token: " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable at " + KEYCLOAK + ": start it with ./coprogram infra",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
