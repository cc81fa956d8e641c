package org.coprogram.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The schemas of the custom resources, keyed by apiVersion and kind, from the files in {@code k8s/schemas/}, one per
 * API group and version:
 * <ul>
 * <li>Strimzi: {@code kafka.strimzi.io-v1.json}, the complete v1 schemas of the CRDs that the Strimzi release named in
 * k8s/pom.xml ({@code strimzi.version}) ships, and the Kafka versions that release runs. Only v1: a manifest still on
 * v1beta2, which Strimzi 1.0 no longer serves, has no schema and fails validation;</li>
 * <li>CloudNativePG and the Keycloak operator: extracts of their CRD schemas (see the source named in each file).</li>
 * </ul>
 * None of these operators publishes its CRDs on a registry this build reaches (Strimzi's CRD generator is served here
 * only at 0.45, whose output for the 0.51 API classes differs from the CRDs 0.51 ships). Objects that list their
 * properties and do not preserve unknown fields reject any other field, as the API server's strict field validation
 * does.
 */
final class CrdSchemas {

    static final String STRIMZI_API_VERSION = "kafka.strimzi.io/v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final Map<String, JsonNode> FILES = read();
    private static final Map<String, JsonSchema> SCHEMAS = compileAll();

    private CrdSchemas() {
    }

    static Optional<JsonSchema> of(String apiVersion, String kind) {
        return Optional.ofNullable(SCHEMAS.get(apiVersion + "/" + kind));
    }

    static List<String> violations(JsonSchema schema, JsonNode object) {
        return schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The schema file of an API group and version, e.g. {@code kafka.strimzi.io/v1}, as it is written. */
    static JsonNode file(String apiVersion) {
        return Optional.ofNullable(FILES.get(apiVersion))
                .orElseThrow(() -> new IllegalArgumentException("no schema file for " + apiVersion));
    }

    private static Map<String, JsonNode> read() {
        Map<String, JsonNode> files = new HashMap<>();
        try (Stream<Path> paths = Files.list(Kustomize.K8S.resolve("schemas"))) {
            for (Path path : paths.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode file = JSON.readTree(path.toFile());
                files.put(file.path("apiVersion").asText(), file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static Map<String, JsonSchema> compileAll() {
        Map<String, JsonSchema> schemas = new HashMap<>();
        FILES.forEach((apiVersion, file) -> file.path("kinds").fields()
                .forEachRemaining(kind -> schemas.put(apiVersion + "/" + kind.getKey(), compile(kind.getValue()))));
        return schemas;
    }

    private static JsonSchema compile(JsonNode openApiSchema) {
        JsonNode schema = openApiSchema.deepCopy();
        strict(schema);
        return FACTORY.getSchema(schema);
    }

    /** From a structural OpenAPI schema to JSON Schema: closed objects, and int-or-string as either type. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("x-kubernetes-int-or-string").asBoolean()) {
                object.remove("type");
                ArrayNode anyOf = object.putArray("anyOf");
                anyOf.addObject().put("type", "integer");
                anyOf.addObject().put("type", "string");
            }
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                object.put("additionalProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                strict(fields.next().getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(CrdSchemas::strict);
        }
    }
}
