package org.coprogram.k8s;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
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

import io.strimzi.api.annotations.ApiVersion;
import io.strimzi.api.annotations.KubeVersion;
import io.strimzi.api.annotations.VersionRange;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * The schemas of the custom resources, keyed by apiVersion and kind.
 * <ul>
 * <li>Strimzi: the CRDs made by Strimzi's own generator from its published API classes, the way Strimzi builds the CRDs
 * it ships;</li>
 * <li>CloudNativePG and the Keycloak operator publish their CRDs on no registry this build reaches, so
 * {@code k8s/schemas/} holds extracts of their CRD schemas (see the source named in each file).</li>
 * </ul>
 * Objects that list their properties and do not preserve unknown fields reject any other field, as the API server's
 * strict field validation does.
 */
final class CrdSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final Map<String, JsonSchema> SCHEMAS = load();

    private CrdSchemas() {
    }

    static Optional<JsonSchema> of(String apiVersion, String kind) {
        return Optional.ofNullable(SCHEMAS.get(apiVersion + "/" + kind));
    }

    static List<String> violations(JsonSchema schema, JsonNode object) {
        return schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static Map<String, JsonSchema> load() {
        Map<String, JsonSchema> schemas = new HashMap<>();
        for (Class<?> resource : List.of(Kafka.class, KafkaNodePool.class, KafkaTopic.class, KafkaUser.class)) {
            JsonNode crd = strimziCrd(resource);
            String group = crd.at("/spec/group").asText();
            String kind = crd.at("/spec/names/kind").asText();
            for (JsonNode version : crd.at("/spec/versions")) {
                JsonNode schema = version.at("/schema/openAPIV3Schema");
                schemas.put(group + "/" + version.path("name").asText() + "/" + kind, compile(schema));
            }
        }
        try (Stream<Path> files = Files.list(Kustomize.K8S.resolve("schemas"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode extract = JSON.readTree(file.toFile());
                String apiVersion = extract.path("apiVersion").asText();
                extract.path("kinds").fields()
                        .forEachRemaining(
                                kind -> schemas.put(apiVersion + "/" + kind.getKey(), compile(kind.getValue())));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return schemas;
    }

    /** Runs Strimzi's CRD generator (its class is package-private; its constructor and generate method are public). */
    private static JsonNode strimziCrd(Class<?> resource) {
        try {
            Class<?> generator = Class.forName("io.strimzi.crdgenerator.CrdGenerator");
            Constructor<?> constructor = generator.getConstructor(VersionRange.class, ApiVersion.class);
            constructor.setAccessible(true);
            Object instance = constructor.newInstance(KubeVersion.parseRange("1.16+"), ApiVersion.V1);
            StringWriter yaml = new StringWriter();
            var generate = generator.getMethod("generate", Class.class, java.io.Writer.class);
            generate.setAccessible(true);
            generate.invoke(instance, resource, yaml);
            return Kustomize.YAML.readTree(yaml.toString());
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("could not generate the Strimzi CRD of " + resource.getSimpleName(), e);
        }
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
