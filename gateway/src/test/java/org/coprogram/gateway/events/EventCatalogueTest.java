package org.coprogram.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.coprogram.bridge.PartnerEventStream;
import org.coprogram.testing.EventSchemas;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The catalogue in docs/events: complete, valid AsyncAPI 3, valid JSON Schemas, and only additive since the release. */
class EventCatalogueTest {

    private static final Pattern EVENT_TYPE = Pattern.compile("\"(org\\.coprogram\\.[a-z-]+\\.[a-z-]+\\.v\\d+)\"");
    private final Map<String, JsonNode> schemas = EventSchemas.read(EventSchemas.CURRENT);

    @Test
    void everyEventTypeInTheServicesCodeHasASchema() throws IOException {
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> modules = Files.list(EventSchemas.ROOT)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> sources = Files.walk(main)) {
                    for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher matcher = EVENT_TYPE.matcher(Files.readString(source));
                        while (matcher.find()) {
                            declared.add(matcher.group(1));
                        }
                    }
                }
            }
        }

        assertThat(declared).hasSizeGreaterThan(25);
        assertThat(schemas.keySet()).containsAll(declared);
    }

    @Test
    void everySchemaIsAValidJsonSchemaNamingItsTypeAndTopic() {
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        schemas.forEach((type, schema) -> {
            assertThat(metaSchema.validate(schema)).as(type).isEmpty();
            assertThat(schema.path("title").asText()).as(type).isEqualTo(type);
            String topic = schema.path("x-topic").asText();
            if (schema.path("x-internal").asBoolean()) {
                // Documented for the services that exchange it, on a topic no partner reads (docs/privacy.md).
                assertThat(topic).as(type + " x-topic").matches("coprogram(-restricted)?\\..+");
                assertThat(PartnerEventStream.PUBLIC_TOPICS).as(type + " is internal, x-topic " + topic)
                        .doesNotContain(topic);
            } else {
                assertThat(PartnerEventStream.PUBLIC_TOPICS).as(type + " x-topic").contains(topic);
            }
            assertThat(schema.path("additionalProperties").isMissingNode()).as(type + " stays open to additions")
                    .isTrue();
        });
    }

    @Test
    void theAsyncApiDocumentIsValidAsyncApi3AndListsEveryEventType() throws IOException {
        String yaml = Files.readString(EventSchemas.EVENTS.resolve("asyncapi.yaml"));
        var asyncApiSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("classpath:asyncapi/asyncapi-3.0.0.schema.json"));
        Set<ValidationMessage> problems = asyncApiSchema.validate(yaml, InputFormat.YAML);
        assertThat(problems).isEmpty();

        JsonNode document = new YAMLMapper().readTree(yaml);
        Map<String, String> messageTopic = new HashMap<>();
        document.path("channels").fields().forEachRemaining(channel -> channel.getValue().path("messages").fields()
                .forEachRemaining(message -> messageTopic.put(message.getValue().path("$ref").asText(),
                        channel.getValue().path("address").asText())));
        Map<String, String> typeTopic = new HashMap<>();
        document.path("components").path("messages").fields().forEachRemaining(message -> {
            String type = message.getValue().path("name").asText();
            String payload = message.getValue().at("/payload/schema/$ref").asText();
            assertThat(payload).as(type).isEqualTo("./schemas/" + type + ".json");
            assertThat(Files.exists(EventSchemas.EVENTS.resolve(payload))).as(payload).isTrue();
            typeTopic.put(type, messageTopic.get("#/components/messages/" + message.getKey()));
        });
        assertThat(typeTopic.keySet()).isEqualTo(schemas.keySet());
        schemas.forEach((type, schema) -> assertThat(typeTopic.get(type)).as(type)
                .isEqualTo(schema.path("x-topic").asText()));

        // A channel partners cannot read says so, and offers them no operation; every other one is partner-visible.
        Set<String> operated = new TreeSet<>();
        document.path("operations").forEach(operation -> operated.add(operation.at("/channel/$ref").asText()));
        document.path("channels").fields().forEachRemaining(channel -> {
            String address = channel.getValue().path("address").asText();
            boolean internal = channel.getValue().path("x-internal").asBoolean();
            assertThat(internal).as(address + " marked x-internal")
                    .isEqualTo(!PartnerEventStream.PUBLIC_TOPICS.contains(address));
            assertThat(operated.contains("#/channels/" + channel.getKey())).as(address + " has a partner operation")
                    .isEqualTo(!internal);
        });
    }

    @Test
    void theSchemasOnlyGrewSinceTheLastRelease() {
        Map<String, JsonNode> released = EventSchemas.read(EventSchemas.RELEASED);

        assertThat(released).isNotEmpty();
        assertThat(schemas.keySet()).as("no released event type disappears").containsAll(released.keySet());
        released.forEach((type, schema) -> assertThat(SchemaCompatibility.breakingChanges(schema, schemas.get(type)))
                .as(type).isEmpty());
    }

    @Test
    void theEvolutionCheckNamesEveryKindOfBreakingChange() throws IOException {
        JsonNode released = EventSchemas.JSON.readTree("""
                {"type": "object", "required": ["proposalId", "status"],
                 "properties": {"proposalId": {"type": "string"}, "supports": {"type": "integer"},
                   "status": {"type": "string", "enum": ["OPEN", "ANSWERED"]},
                   "tags": {"type": "array", "items": {"type": "string"}}}}""");

        assertThat(SchemaCompatibility.breakingChanges(released, released)).isEmpty();
        assertThat(SchemaCompatibility.breakingChanges(released, change(released, s -> {
            ((ObjectNode) s.path("properties")).putObject("region").put("type", "string");
            ((ObjectNode) s.at("/properties/status")).withArray("enum").add("MERGED");
        }))).as("additions").isEmpty();
        assertThat(SchemaCompatibility.breakingChanges(released,
                change(released, s -> ((ObjectNode) s.path("properties")).remove("supports"))))
                .containsExactly("$.supports: removed");
        assertThat(SchemaCompatibility.breakingChanges(released,
                change(released, s -> ((ObjectNode) s.at("/properties/supports")).put("type", "string"))))
                .containsExactly("$.supports: type [integer] became [string]");
        assertThat(SchemaCompatibility.breakingChanges(released, change(released,
                s -> ((ObjectNode) s.at("/properties/proposalId")).putArray("type").add("string").add("null"))))
                .singleElement().asString().startsWith("$.proposalId: type [string] became");
        assertThat(SchemaCompatibility.breakingChanges(released,
                change(released, s -> ((ObjectNode) s).putArray("required").add("proposalId"))))
                .containsExactly("$.status: no longer required");
        assertThat(SchemaCompatibility.breakingChanges(released,
                change(released, s -> ((ObjectNode) s.at("/properties/status")).putArray("enum").add("OPEN"))))
                .containsExactly("$.status: enum value ANSWERED was removed");
        assertThat(SchemaCompatibility.breakingChanges(released,
                change(released, s -> ((ObjectNode) s.at("/properties/tags/items")).put("type", "integer"))))
                .containsExactly("$.tags[]: type [string] became [integer]");
        assertThat(SchemaCompatibility.breakingChanges(released,
                change(released, s -> ((ObjectNode) s).put("additionalProperties", false))))
                .containsExactly("$: closed to additional properties");
    }

    private static JsonNode change(JsonNode schema, java.util.function.Consumer<JsonNode> edit) {
        JsonNode copy = schema.deepCopy();
        edit.accept(copy);
        return copy;
    }
}
