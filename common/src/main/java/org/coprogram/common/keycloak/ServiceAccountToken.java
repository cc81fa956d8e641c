package org.coprogram.common.keycloak;

import java.time.Duration;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * A confidential client's access token for Keycloak's admin API (client credentials grant), kept until 30 s before it
 * expires, and the admin URL of the same realm. Used by the services that ask Keycloak about accounts: proposal-service's
 * organisation registry and notification-service's address directory, each with a client whose service account may do
 * only that (infra/keycloak/realm-coprogram.json).
 */
public final class ServiceAccountToken {

    private static final Logger LOG = Logger.getLogger(ServiceAccountToken.class);

    private record Token(String value, long expiresAtNanos) {
    }

    private final WebClient client;
    private final String realmUrl;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Function<String, RuntimeException> unavailable;
    private volatile Token token;

    /**
     * @param realmUrl {@code …/realms/<realm>}
     * @param unavailable what to throw when Keycloak cannot give a token (the caller's own "try later" failure)
     */
    public ServiceAccountToken(WebClient client, String realmUrl, String clientId, String clientSecret,
            Duration timeout, ObjectMapper json, Function<String, RuntimeException> unavailable) {
        this.client = client;
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.json = json;
        this.unavailable = unavailable;
    }

    /** The admin API's URL for {@code path} in this realm, e.g. {@code /users/<id>}. */
    public String admin(String path) {
        return realmUrl.replaceFirst("/realms/", "/admin/realms/") + path;
    }

    public Uni<String> value() {
        Token current = token;
        if (current != null && System.nanoTime() < current.expiresAtNanos()) {
            return Uni.createFrom().item(current.value());
        }
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials")
                .add("client_id", clientId).add("client_secret", clientSecret);
        return client.postAbs(realmUrl + "/protocol/openid-connect/token").timeout(timeout.toMillis())
                .sendForm(form).map(response -> {
                    if (response.statusCode() != 200) {
                        LOG.warnf("Keycloak refused the client credentials of %s: %d", clientId,
                                response.statusCode());
                        throw unavailable.apply("no access token: " + response.statusCode());
                    }
                    JsonNode answer = parse(response.bodyAsString());
                    long seconds = Math.max(answer.path("expires_in").asLong(60) - 30, 5);
                    Token fresh = new Token(answer.path("access_token").asText(),
                            System.nanoTime() + seconds * 1_000_000_000L);
                    token = fresh;
                    return fresh.value();
                });
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw unavailable.apply("unreadable answer from Keycloak");
        }
    }
}
