package org.coprogram.notification.mail;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.keycloak.ServiceAccountToken;
import org.coprogram.notification.NotificationConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * A person's e-mail address, asked of Keycloak's admin API (as the service account of {@code coprogram-notifications},
 * which may only view users) when a mail is sent, and kept in memory for {@code notification.directory.cache-ttl}.
 * Addresses are never stored in the database nor carried by events (docs/privacy.md, "Notifications").
 */
@ApplicationScoped
public class AccountDirectory {

    /** Where a mail for an account goes: an address, or none (no such account, no verified address). */
    public record Recipient(Optional<String> email) {
    }

    /** Keycloak could not be asked: the mail waits and is retried, like one the relay refused. */
    public static class DirectoryUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DirectoryUnavailable(String message) {
            super(message);
        }
    }

    private record Cached(Recipient recipient, long expiresAtNanos) {
    }

    private final WebClient client;
    private final NotificationConfig.Directory config;
    private final ObjectMapper json;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final ServiceAccountToken token;

    public AccountDirectory(Vertx vertx, NotificationConfig config, ObjectMapper json) {
        this.client = WebClient.create(vertx);
        this.config = config.directory();
        this.json = json;
        this.token = new ServiceAccountToken(client, this.config.realmUrl(), this.config.clientId(),
                this.config.clientSecret(), Duration.ofSeconds(5), json, DirectoryUnavailable::new);
    }

    public Uni<Recipient> recipient(String accountId) {
        Cached cached = cache.get(accountId);
        if (cached != null && System.nanoTime() < cached.expiresAtNanos()) {
            return Uni.createFrom().item(cached.recipient());
        }
        if (config.syntheticDomain().isPresent()) {
            return Uni.createFrom().item(new Recipient(Optional.of(accountId + "@" + config.syntheticDomain().get())));
        }
        if (!accountId.matches("[A-Za-z0-9-]{1,64}")) {
            return Uni.createFrom().item(new Recipient(Optional.empty()));
        }
        return token.value().flatMap(bearer -> client.getAbs(token.admin("/users/" + accountId))
                .bearerTokenAuthentication(bearer).timeout(5000).send()).map(response -> {
                    if (response.statusCode() == 404) {
                        return remember(accountId, new Recipient(Optional.empty()));
                    }
                    if (response.statusCode() != 200) {
                        throw new DirectoryUnavailable("Keycloak's admin API answered " + response.statusCode());
                    }
                    JsonNode user = parse(response.bodyAsString());
                    String email = user.path("email").asText("");
                    // An address the person has not verified may be someone else's: the platform never mails it.
                    boolean usable = user.path("enabled").asBoolean(false)
                            && user.path("emailVerified").asBoolean(false)
                            && !email.isBlank();
                    return remember(accountId, new Recipient(usable ? Optional.of(email) : Optional.empty()));
                });
    }

    private Recipient remember(String accountId, Recipient recipient) {
        if (cache.size() > 50_000) {
            cache.clear();
        }
        cache.put(accountId, new Cached(recipient, System.nanoTime() + config.cacheTtl().toNanos()));
        return recipient;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DirectoryUnavailable("unreadable answer from Keycloak");
        }
    }
}
