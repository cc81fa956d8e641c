package org.coprogram.gateway.openapi;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The services' OpenAPI documents as one. Paths are the services' own (the gateway routes each prefix to one service);
 * schemas share one namespace, {@code components.schemas}, where a name two services give to different schemas would
 * make every {@code $ref} to it describe one of them wrongly: that is refused ({@link SchemaCollision}) rather than
 * resolved by keeping either. The same schema published by two services (one shared class) is kept once.
 */
final class OpenApiMerge {

    /** Two services publish different schemas under one name. */
    static final class SchemaCollision extends IllegalStateException {
        final String schema;

        SchemaCollision(String schema, String first, String second) {
            super("OpenAPI schema '" + schema + "' differs between services " + first + " and " + second
                    + ": rename one of the two classes (schema names come from simple class names) or make both use the"
                    + " same shared class");
            this.schema = schema;
        }
    }

    private OpenApiMerge() {
    }

    /**
     * @param documents each service's document by service name, in the order to merge them
     * @param unavailable services whose document could not be read, listed in {@code x-unavailable-services}
     * @throws SchemaCollision when two services' schemas of one name differ
     */
    static ObjectNode merge(ObjectMapper json, Map<String, JsonNode> documents, List<String> unavailable) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info").put("title", "Coprogram API").put("version", "0.1.0")
                .put("description", "API pubblica di Coprogram, attraverso il gateway");
        ObjectNode paths = root.putObject("paths");
        ObjectNode schemas = root.putObject("components").putObject("schemas");
        Map<String, String> schemaOwners = new HashMap<>();
        documents.forEach((service, document) -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                if (!paths.has(path.getKey())) {
                    paths.set(path.getKey(), path.getValue());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").path("schemas").fields(); it
                    .hasNext();) {
                Map.Entry<String, JsonNode> schema = it.next();
                String owner = schemaOwners.putIfAbsent(schema.getKey(), service);
                if (owner == null) {
                    schemas.set(schema.getKey(), schema.getValue());
                } else if (!schemas.get(schema.getKey()).equals(schema.getValue())) {
                    throw new SchemaCollision(schema.getKey(), owner, service);
                }
            }
        });
        if (!unavailable.isEmpty()) {
            unavailable.forEach(root.putArray("x-unavailable-services")::add);
        }
        return root;
    }
}
