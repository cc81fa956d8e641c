package org.coprogram.proposal.organization;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Caller;
import org.coprogram.common.keycloak.ServiceAccountToken;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.StakeholderCategory;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * People's accounts in Keycloak, through its admin REST API as the service account of {@code coprogram-organizations}:
 * the registry finds the account a user name names and sets or clears its {@code organization} attribute (which becomes
 * the token claim) and the {@code organization-rep} role. Runs on the request's Vert.x context, so the caller's
 * reactive session carries on after it.
 */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);
    static final String ORGANIZATION = "organization";
    static final String CATEGORY = "stakeholder_category";

    /** An account as the registry needs it: Keycloak's id (the tokens' {@code sub}) and its user name. */
    public record Account(String id, String username) {
    }

    private final WebClient client;
    private final AccountsConfig config;
    private final ObjectMapper json;
    private final ServiceAccountToken token;

    public Accounts(Vertx vertx, AccountsConfig config, ObjectMapper json) {
        this.client = WebClient.create(vertx);
        this.config = config;
        this.json = json;
        this.token = new ServiceAccountToken(client, config.realmUrl(), config.clientId(), config.clientSecret(),
                config.timeout(), json, message -> unavailable(null));
    }

    /** Roles of the institutions that run the process: their accounts never speak for a stakeholder organisation. */
    static final Set<String> INSTITUTIONAL = Set.of(Caller.REGION_STAFF, Caller.MODERATOR, Caller.DISTRICT_OPERATOR);

    /** Whether the account holds an {@link #INSTITUTIONAL} role, directly or through a composite role. */
    public Uni<Boolean> isInstitutional(String accountId) {
        return call(client.getAbs(admin("/users/" + accountId + "/role-mappings/realm/composite")), null)
                .map(roles -> {
                    for (JsonNode role : roles) {
                        if (INSTITUTIONAL.contains(role.path("name").asText())) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    /** The enabled account with exactly this user name, if any. */
    public Uni<Optional<Account>> find(String username) {
        return call(client.getAbs(admin("/users")).addQueryParam("username", username)
                .addQueryParam("exact", "true"), null).map(found -> {
                    for (JsonNode user : found) {
                        if (username.equalsIgnoreCase(user.path("username").asText())
                                && user.path("enabled").asBoolean(false)) {
                            return Optional.of(new Account(user.path("id").asText(), user.path("username").asText()));
                        }
                    }
                    return Optional.<Account>empty();
                });
    }

    /**
     * Makes the account a representative of {@code organization}: claim {@code organization} = its id, role
     * {@code organization-rep}, and {@code stakeholder_category} = its kind unless the account already speaks for a
     * category other than citizens'.
     */
    public Uni<Void> makeRepresentative(String accountId, UUID organization, StakeholderCategory kind) {
        return user(accountId).flatMap(user -> {
            ObjectNode attributes = attributes(user);
            attributes.set(ORGANIZATION, JsonNodeFactory.instance.arrayNode().add(organization.toString()));
            String category = attributes.path(CATEGORY).path(0).asText("");
            if (category.isEmpty() || StakeholderCategory.CITIZEN.name().equals(category)) {
                attributes.set(CATEGORY, JsonNodeFactory.instance.arrayNode().add(kind.name()));
            }
            return put(accountId, user);
        }).chain(() -> representativeRole()).chain(role -> call(
                client.postAbs(admin("/users/" + accountId + "/role-mappings/realm")),
                JsonNodeFactory.instance.arrayNode().add(role))).replaceWithVoid();
    }

    /** Clears the account's claim for {@code organization} (if it still names it) and its representative role. */
    public Uni<Void> removeRepresentative(String accountId, UUID organization) {
        return user(accountId).flatMap(user -> {
            ObjectNode attributes = attributes(user);
            if (!organization.toString().equals(attributes.path(ORGANIZATION).path(0).asText(""))) {
                return Uni.createFrom().voidItem();
            }
            attributes.remove(ORGANIZATION);
            return put(accountId, user);
        }).chain(() -> representativeRole()).chain(role -> call(
                client.deleteAbs(admin("/users/" + accountId + "/role-mappings/realm")),
                JsonNodeFactory.instance.arrayNode().add(role))).replaceWithVoid();
    }

    private Uni<ObjectNode> user(String accountId) {
        return call(client.getAbs(admin("/users/" + accountId)), null).map(ObjectNode.class::cast);
    }

    private static ObjectNode attributes(ObjectNode user) {
        return user.has("attributes") && user.get("attributes").isObject()
                ? (ObjectNode) user.get("attributes")
                : user.putObject("attributes");
    }

    private Uni<Void> put(String accountId, ObjectNode user) {
        return call(client.putAbs(admin("/users/" + accountId)), user).replaceWithVoid();
    }

    private Uni<JsonNode> representativeRole() {
        return call(client.getAbs(admin("/roles/" + Caller.ORGANIZATION_REP)), null);
    }

    private String admin(String path) {
        return token.admin(path);
    }

    private Uni<JsonNode> call(HttpRequest<Buffer> request, JsonNode body) {
        return token.value().flatMap(bearer -> {
            request.bearerTokenAuthentication(bearer).timeout(config.timeout().toMillis());
            return body == null
                    ? request.send()
                    : request.putHeader("Content-Type", "application/json")
                            .sendBuffer(Buffer.buffer(body.toString()));
        }).onFailure().transform(Accounts::unavailable).map(response -> {
            if (response.statusCode() / 100 != 2) {
                LOG.warnf("Keycloak's admin API answered %d to %s", response.statusCode(), request.uri());
                throw unavailable(null);
            }
            String text = response.bodyAsString();
            return text == null || text.isBlank() ? JsonNodeFactory.instance.objectNode() : parse(text);
        });
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw unavailable(e);
        }
    }

    private static RuntimeException unavailable(Throwable cause) {
        if (cause instanceof ProblemException problem) {
            return problem;
        }
        if (cause != null) {
            LOG.warn("Keycloak's admin API unreachable", cause);
        }
        return new ProblemException(503, "Servizio di identità non disponibile",
                "Non è stato possibile aggiornare l'account: riprova tra poco", List.of());
    }
}
