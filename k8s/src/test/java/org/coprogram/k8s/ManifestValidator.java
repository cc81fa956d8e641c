package org.coprogram.k8s;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.representations.idm.RealmRepresentation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;

import io.kubernetes.client.openapi.models.V1ObjectMeta;

/** Every rendered object against the schema of its kind; an object of a kind without a schema is a violation too. */
final class ManifestValidator {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestValidator() {
    }

    static List<String> violations(List<? extends JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (JsonNode object : objects) {
            String name = object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
            violations(object).forEach(v -> violations.add(name + ": " + v));
        }
        return violations;
    }

    static List<String> violations(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        if (BuiltInKinds.covers(apiVersion)) {
            return BuiltInKinds.violations(object);
        }
        JsonSchema schema = CrdSchemas.of(apiVersion, kind).orElse(null);
        if (schema == null) {
            return List.of("no schema for " + apiVersion + " " + kind);
        }
        List<String> violations = new ArrayList<>(CrdSchemas.violations(schema, object));
        violations.addAll(BuiltInKinds.validate(V1ObjectMeta.class, object.path("metadata")));
        if ("KeycloakRealmImport".equals(kind)) {
            violations.addAll(realmViolations(object.at("/spec/realm")));
        }
        return violations;
    }

    /** The realm as Keycloak reads it on import: a field RealmRepresentation does not know is refused. */
    private static List<String> realmViolations(JsonNode realm) {
        try {
            STRICT.treeToValue(realm, RealmRepresentation.class);
            return List.of();
        } catch (Exception e) {
            return List.of("spec.realm: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
