package org.coprogram.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The cluster's realm is the local realm (scripts/k8s-realm.py writes it): demo users in dev only, secrets as placeholders. */
class RealmImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    @Test
    void prodImportsTheLocalRealmWithoutDemoUsersOrDemoSecrets() throws IOException {
        JsonNode local = localRealm();
        ObjectNode prod = (ObjectNode) realmImport("prod").at("/spec/realm");

        assertThat(prod.has("users")).isFalse();
        for (Iterator<String> fields = local.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!field.equals("users") && !field.equals("clients")) {
                assertThat(prod.get(field)).as(field).isEqualTo(local.get(field));
            }
        }
        assertThat(prod.path("clients")).hasSameSizeAs(local.path("clients"));
        for (int i = 0; i < local.path("clients").size(); i++) {
            ObjectNode expected = ((ObjectNode) local.path("clients").get(i)).deepCopy();
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

    @Test
    void devImportsTheLocalDemoUsers() throws IOException {
        assertThat(realmImport("dev").at("/spec/realm/users")).isEqualTo(localRealm().path("users"));
    }

    @Test
    void everyPlaceholderInTheRealmComesFromASecret() {
        JsonNode realmImport = realmImport("prod");
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

    private static JsonNode realmImport(String overlay) {
        return Kustomize.overlay(overlay).named("KeycloakRealmImport", "coprogram-realm");
    }

    private static JsonNode localRealm() throws IOException {
        return JSON.readTree(Kustomize.ROOT.resolve("infra/keycloak/realm-coprogram.json").toFile());
    }
}
