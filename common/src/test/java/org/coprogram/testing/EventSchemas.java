package org.coprogram.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/**
 * The event catalogue in docs/events: one JSON Schema per event type, named after the type. The repository root is
 * the {@code coprogram.root} system property (the e2e module sets it), else the parent of the module tests run in.
 */
public final class EventSchemas {

    public static final Path ROOT = Path.of(System.getProperty("coprogram.root", "..")).toAbsolutePath().normalize();
    public static final Path EVENTS = ROOT.resolve("docs/events");
    public static final Path CURRENT = EVENTS.resolve("schemas");
    public static final Path RELEASED = EVENTS.resolve("released/0.1.0");
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventSchemas() {
    }

    /** Event type → schema document, from a directory of {@code <type>.json} files. */
    public static Map<String, JsonNode> read(Path directory) {
        Map<String, JsonNode> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String name = file.getFileName().toString();
                schemas.put(name.substring(0, name.length() - ".json".length()), JSON.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    /**
     * The schema with every object closed to properties it does not list: the published schemas stay open (partners
     * must accept fields added within v1), but what we emit must be documented, so the contract test is strict.
     */
    public static JsonSchema strict(JsonNode schema) {
        JsonNode closed = schema.deepCopy();
        close(closed);
        return FACTORY.getSchema(closed);
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                close(fields.next().getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(EventSchemas::close);
        }
    }
}
