package org.coprogram.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The cluster's realm is the local realm (scripts/k8s-realm.py writes it): demo users and the demo clients in dev only,
 * secrets as placeholders.
 */
class RealmImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");
    /**
     * The password-grant client of the demo scripts and tests, the example partner, and the organisation registry's
     * service account (in production the operator creates it with its roles): dev only.
     */
    private static final Set<String> DEV_ONLY_CLIENTS = Set.of("coprogram-cli", "partner-demo",
            "coprogram-organizations", "coprogram-notifications");
    /**
     * The demo users, and the SPID and CIE entries that broker the local test identity provider: a region registers its
     * own providers with AgID and the CIE federation (docs/identity.md).
     */
    private static final Set<String> LOCAL_ONLY_FIELDS = Set.of("users", "identityProviders",
            "identityProviderMappers");

    @Test
    void prodImportsTheLocalRealmWithoutDemoUsersDemoClientsOrDemoSecrets() throws IOException {
        JsonNode local = localRealm();
        ObjectNode prod = (ObjectNode) realmImport("prod").at("/spec/realm");
        List<JsonNode> localClients = new ArrayList<>();
        local.path("clients").forEach(c -> {
            if (!DEV_ONLY_CLIENTS.contains(c.path("clientId").asText())) {
                localClients.add(c);
            }
        });

        assertThat(prod.has("users")).isFalse();
        for (Iterator<String> fields = local.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!LOCAL_ONLY_FIELDS.contains(field) && !field.equals("clients")) {
                assertThat(prod.get(field)).as(field).isEqualTo(local.get(field));
            }
        }
        assertThat(prod.path("clients")).hasSameSizeAs(localClients);
        for (int i = 0; i < localClients.size(); i++) {
            ObjectNode expected = ((ObjectNode) localClients.get(i)).deepCopy();
            ObjectNode actual = ((ObjectNode) prod.path("clients").get(i)).deepCopy();
            for (String environmentSpecific : new String[]{"secret", "redirectUris", "webOrigins"}) {
                assertThat(actual.has(environmentSpecific)).isEqualTo(expected.has(environmentSpecific));
                expected.remove(environmentSpecific);
                actual.remove(environmentSpecific);
            }
            // Where to return after logout is the portal's address too, so it comes from the same placeholder.
            if (expected.path("attributes").has("post.logout.redirect.uris")) {
                assertThat(actual.path("attributes").path("post.logout.redirect.uris").asText())
                        .isEqualTo("${PORTAL_URL}/*");
                ((ObjectNode) expected.path("attributes")).remove("post.logout.redirect.uris");
                ((ObjectNode) actual.path("attributes")).remove("post.logout.redirect.uris");
            }
            assertThat(actual).isEqualTo(expected);
        }
        String text = prod.toString();
        local.path("clients").forEach(c -> {
            if (c.has("secret")) {
                assertThat(text).doesNotContain(c.path("secret").asText());
            }
        });
    }

    /**
     * No way into prod with a password outside Keycloak's login page (no client allows the resource-owner password
     * grant or the implicit flow), no demo client, user or secret, no service account in the import (each partner's
     * client is made for that partner), and no broker to the local test identity provider.
     */
    @Test
    void prodHasNoPasswordGrantNoDemoClientNoDemoUserAndNoTestIdentityProvider() {
        JsonNode realmImport = realmImport("prod");
        JsonNode realm = realmImport.at("/spec/realm");

        assertThat(realm.has("users")).isFalse();
        assertThat(realm.has("identityProviders")).as("the local test identity provider").isFalse();
        assertThat(realm.path("clients")).isNotEmpty().allSatisfy(client -> {
            String clientId = client.path("clientId").asText();
            assertThat(clientId).isNotIn(DEV_ONLY_CLIENTS);
            assertThat(client.path("directAccessGrantsEnabled").isBoolean()).as(clientId + " says it").isTrue();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(clientId).isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean()).as(clientId).isFalse();
            assertThat(client.path("serviceAccountsEnabled").asBoolean()).as(clientId).isFalse();
        });
        assertThat(realmImport.toString()).doesNotContainIgnoringCase("demo");
        realmImport.at("/spec/placeholders").forEach(p -> assertThat(p.at("/secret/key").asText())
                .isNotIn(DEV_ONLY_CLIENTS));
    }

    @Test
    void devImportsTheLocalDemoUsersAndDemoClients() throws IOException {
        JsonNode local = localRealm();
        JsonNode dev = realmImport("dev").at("/spec/realm");

        assertThat(dev.path("users")).isEqualTo(local.path("users"));
        assertThat(clientIds(dev)).isEqualTo(clientIds(local)).containsAll(DEV_ONLY_CLIENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPlaceholderInTheRealmComesFromASecret(String overlay) {
        JsonNode realmImport = realmImport(overlay);
        Set<String> used = new HashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(realmImport.at("/spec/realm").toString());
        while (matcher.find()) {
            used.add(matcher.group(1));
        }

        assertThat(used).contains("PORTAL_URL", "COPROGRAM_API_SECRET");
        Set<String> declared = new HashSet<>();
        realmImport.at("/spec/placeholders").fieldNames().forEachRemaining(declared::add);
        assertThat(declared).isEqualTo(used);
        realmImport.at("/spec/placeholders")
                .forEach(p -> assertThat(p.at("/secret/name").asText()).isEqualTo("coprogram-keycloak-clients"));
    }

    private static List<String> clientIds(JsonNode realm) {
        List<String> ids = new ArrayList<>();
        realm.path("clients").forEach(c -> ids.add(c.path("clientId").asText()));
        return ids;
    }

    private static JsonNode realmImport(String overlay) {
        return Kustomize.overlay(overlay).named("KeycloakRealmImport", "coprogram-realm");
    }

    private static JsonNode localRealm() throws IOException {
        return JSON.readTree(Kustomize.ROOT.resolve("infra/keycloak/realm-coprogram.json").toFile());
    }
}
