package org.coprogram.gateway.openapi;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The services' OpenAPI documents as one. Paths are the services' own (the gateway routes each prefix to one service);
 * components ({@code schemas}, {@code securitySchemes}) share one namespace each, where a name two services give to
 * different definitions would make every {@code $ref} to it describe one of them wrongly: that is refused
 * ({@link SchemaCollision}) rather than resolved by keeping either. The same definition published by two services (one
 * shared class, or common's problem schema and bearer scheme) is kept once. An {@code operationId} names one method of
 * a generated client, so two operations with one id are refused too. The servers are the gateway's, filled in per
 * request ({@link #withServer}); the services' own are not copied. The tags, with their descriptions, are the services'
 * (the first one to publish a name describes it).
 */
final class OpenApiMerge {

    /** The component kinds merged by name; any other a service publishes is not referenced by the merged paths. */
    private static final List<String> COMPONENTS = List.of("schemas", "securitySchemes");

    /** Two services publish different components under one name, or two operations share an operationId. */
    static final class SchemaCollision extends IllegalStateException {
        final String schema;

        SchemaCollision(String kind, String schema, String first, String second) {
            super("OpenAPI " + kind + " '" + schema + "' differs between services " + first + " and " + second
                    + ": rename one of the two (schema names come from simple class names, operationIds from"
                    + " @Operation(operationId)) or make both use the same shared definition");
            this.schema = schema;
        }
    }

    private OpenApiMerge() {
    }

    /**
     * @param documents each service's document by service name, in the order to merge them
     * @param unavailable services whose document could not be read, listed in {@code x-unavailable-services}
     * @throws SchemaCollision when two services' components of one name differ, or two operations share an id
     */
    static ObjectNode merge(ObjectMapper json, Map<String, JsonNode> documents, List<String> unavailable) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info").put("title", "Coprogram API").put("version", "0.1.0")
                .put("description", "API pubblica di Coprogram, attraverso il gateway. Autenticazione: access token"
                        + " OIDC del realm Keycloak (Authorization: Bearer); le letture pubbliche non lo richiedono."
                        + " Errori: application/problem+json (RFC 9457). Guida: docs/partners.md.");
        info.putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
        root.putArray("servers");
        ObjectNode paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        Map<String, String> owners = new HashMap<>();
        Map<String, String> operationOwners = new HashMap<>();
        Map<String, JsonNode> tags = new TreeMap<>();
        documents.forEach((service, document) -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                if (paths.has(path.getKey())) {
                    continue;
                }
                paths.set(path.getKey(), path.getValue());
                path.getValue().forEach(operation -> {
                    String id = operation.path("operationId").asText("");
                    String owner = id.isEmpty() ? null : operationOwners.putIfAbsent(id, service);
                    if (owner != null) {
                        throw new SchemaCollision("operationId", id, owner, service);
                    }
                });
            }
            document.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
            for (String kind : COMPONENTS) {
                for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").path(kind).fields(); it
                        .hasNext();) {
                    Map.Entry<String, JsonNode> component = it.next();
                    ObjectNode merged = components.has(kind)
                            ? (ObjectNode) components.get(kind)
                            : components.putObject(kind);
                    String owner = owners.putIfAbsent(kind + "/" + component.getKey(), service);
                    if (owner == null) {
                        merged.set(component.getKey(), component.getValue());
                    } else if (!merged.get(component.getKey()).equals(component.getValue())) {
                        throw new SchemaCollision(kind.equals("schemas") ? "schema" : kind, component.getKey(), owner,
                                service);
                    }
                }
            }
        });
        ArrayNode tagList = root.putArray("tags");
        tags.values().forEach(tagList::add);
        if (!unavailable.isEmpty()) {
            unavailable.forEach(root.putArray("x-unavailable-services")::add);
        }
        return root;
    }

    /** The merged document as served from {@code origin} (scheme and authority of the request): its one server. */
    static ObjectNode withServer(ObjectNode merged, String origin) {
        ObjectNode served = merged.deepCopy();
        ArrayNode servers = served.putArray("servers");
        servers.addObject().put("url", origin).put("description", "Il gateway di Coprogram");
        return served;
    }
}
