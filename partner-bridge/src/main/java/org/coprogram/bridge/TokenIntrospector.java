package org.coprogram.bridge;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.json.JsonObject;

/**
 * Asks the identity provider whether an access token is still active (RFC 7662 token introspection), as the gateway's
 * own confidential client. The gateway verifies tokens locally (signature, issuer, audience, expiry), which cannot
 * see a revocation; a long-lived partner stream is therefore checked this way every few seconds.
 * <p>
 * Only an explicit {@code "active": false} counts as revoked. An identity provider that cannot be reached, or that
 * answers anything else, gives {@link Status#UNKNOWN}: the stream stays open, as every request with a token issued
 * before an outage keeps working, and its token's expiry still closes it.
 */
@ApplicationScoped
public class TokenIntrospector {

    public enum Status {
        ACTIVE, REVOKED, UNKNOWN
    }

    private static final Logger LOG = Logger.getLogger(TokenIntrospector.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final BridgeConfig.Introspection config;
    private final URI discovery;
    private volatile URI endpoint;

    @Inject
    public TokenIntrospector(BridgeConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String issuer) {
        this(config.introspection(),
                URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration"));
    }

    TokenIntrospector(BridgeConfig.Introspection config, URI discovery) {
        this.config = config;
        this.discovery = discovery;
        this.endpoint = config.url().orElse(null);
    }

    /** Never fails: a failure to ask is {@link Status#UNKNOWN}. */
    public CompletableFuture<Status> check(String token) {
        return endpoint().thenCompose(uri -> http.sendAsync(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", basic(config.clientId(), config.clientSecret()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&token_type_hint=access_token"))
                .build(), HttpResponse.BodyHandlers.ofString())).thenApply(TokenIntrospector::status)
                .exceptionally(failure -> {
                    LOG.warnf("Token introspection unavailable: %s", failure.getMessage());
                    return Status.UNKNOWN;
                });
    }

    private static Status status(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            // 401 here means the gateway's own client credentials are wrong: a deployment error worth an error line.
            LOG.errorf("Token introspection answered %d: %s", response.statusCode(), response.body());
            return Status.UNKNOWN;
        }
        Object active = new JsonObject(response.body()).getValue("active");
        if (Boolean.TRUE.equals(active)) {
            return Status.ACTIVE;
        }
        return Boolean.FALSE.equals(active) ? Status.REVOKED : Status.UNKNOWN;
    }

    private CompletableFuture<URI> endpoint() {
        URI known = endpoint;
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return http.sendAsync(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("discovery answered " + response.statusCode());
                    }
                    String url = new JsonObject(response.body()).getString("introspection_endpoint");
                    if (url == null) {
                        throw new IllegalStateException("no introspection_endpoint in " + discovery);
                    }
                    endpoint = URI.create(url);
                    return endpoint;
                });
    }

    private static String basic(String clientId, String secret) {
        // RFC 6749 section 2.3.1: both parts form-encoded before the Basic encoding
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
