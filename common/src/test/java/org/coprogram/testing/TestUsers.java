package org.coprogram.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Many distinct real accounts for concurrency tests: created once through Keycloak's admin API (partial import,
 * existing users skipped) in the test run's realm ({@link TestNamespace#REALM}, never the demo's), each with role
 * {@code citizen} and password equal to the user name.
 */
public final class TestUsers {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestUsers() {
    }

    /** User names {@code prefix-1 … prefix-count}, created if missing; their access tokens, in order. */
    public static List<String> tokens(String prefix, int count) {
        return tokens(prefix, count, null);
    }

    /**
     * As {@link #tokens(String, int)}, the users speaking for {@code stakeholderCategory} (the token claim of the same
     * name) when it is not null. A prefix always stands for one category: existing users are not changed.
     */
    public static List<String> tokens(String prefix, int count, String stakeholderCategory) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = prefix + "-" + i;
            Map<String, Object> user = new HashMap<>(Map.of("username", name, "enabled", true,
                    "emailVerified", true, "email", name + "@test.coprogram.invalid", "firstName", "Test",
                    "lastName", "User " + i, "realmRoles", List.of("citizen"),
                    "credentials", List.of(Map.of("type", "password", "value", name, "temporary", false))));
            if (stakeholderCategory != null) {
                user.put("attributes", Map.of("stakeholder_category", List.of(stakeholderCategory)));
            }
            users.add(user);
        }
        importUsers(users);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String name = prefix + "-" + i;
                tokens.add(pool.submit(() -> Tokens.of(name)));
            }
            List<String> result = new ArrayList<>();
            for (Future<String> token : tokens) {
                result.add(token.get());
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("Could not obtain test tokens", e);
        } finally {
            pool.shutdown();
        }
    }

    private static void importUsers(List<Map<String, Object>> users) {
        try {
            String admin = JSON.readTree(send(HttpRequest.newBuilder(URI.create(Tokens.KEYCLOAK
                    + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                    .build())).path("access_token").asText();
            String body = JSON.writeValueAsString(Map.of("users", users, "ifResourceExists", "SKIP"));
            HttpRequest partialImport = HttpRequest.newBuilder(URI.create(TestNamespace.adminUrl() + "/partialImport"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(3))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            // Two modules' tests run at once (./coprogram test: mvn -T 2) and some share user names ("participant-…"):
            // when both import the same missing users at the same moment, the slower import fails on a user the other
            // has just created. Imported again, every existing user is skipped.
            for (int attempt = 1;; attempt++) {
                try {
                    send(partialImport);
                    return;
                } catch (IllegalStateException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin API unreachable", e);
        }
    }

    private static String send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
