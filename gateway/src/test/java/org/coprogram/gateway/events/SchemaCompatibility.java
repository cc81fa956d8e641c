package org.coprogram.gateway.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The evolution rules of the event catalogue (docs/partners.md, "Versions"): within a {@code v1} type a schema may only
 * grow. Relative to the last released schema, a change breaks partners when it
 * <ul>
 * <li>removes a property, or stops guaranteeing one (drops it from {@code required});</li>
 * <li>changes a property's type, or lets it be null where it could not be;</li>
 * <li>removes an allowed value of an enumeration;</li>
 * <li>closes an object to new properties.</li>
 * </ul>
 * Adding optional or required properties, enum values and new event types is additive. A breaking change is a new type
 * ({@code ….v2}) next to the old one.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** The breaking changes from {@code released} to {@code current}, each naming where it is; empty if additive. */
    static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> changes = new ArrayList<>();
        compare(released, current, "$", changes);
        return changes;
    }

    private static void compare(JsonNode released, JsonNode current, String path, List<String> changes) {
        Set<String> releasedTypes = types(released);
        Set<String> currentTypes = types(current);
        if (!releasedTypes.isEmpty() && !releasedTypes.equals(currentTypes)) {
            changes.add(path + ": type " + releasedTypes + " became " + currentTypes);
            return;
        }
        if (released.has("enum") && current.has("enum")) {
            Set<String> allowed = texts(current.path("enum"));
            for (JsonNode value : released.path("enum")) {
                if (!allowed.contains(value.asText())) {
                    changes.add(path + ": enum value " + value.asText() + " was removed");
                }
            }
        }
        if (current.path("additionalProperties").isBoolean() && !current.path("additionalProperties").asBoolean()
                && !(released.path("additionalProperties").isBoolean()
                        && !released.path("additionalProperties").asBoolean())) {
            changes.add(path + ": closed to additional properties");
        }
        Set<String> stillRequired = texts(current.path("required"));
        for (JsonNode name : released.path("required")) {
            if (!stillRequired.contains(name.asText())) {
                changes.add(path + "." + name.asText() + ": no longer required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> properties = released.path("properties").fields(); properties
                .hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode now = current.path("properties").get(property.getKey());
            if (now == null) {
                changes.add(path + "." + property.getKey() + ": removed");
            } else {
                compare(property.getValue(), now, path + "." + property.getKey(), changes);
            }
        }
        if (released.has("items")) {
            compare(released.path("items"), current.path("items"), path + "[]", changes);
        }
        if (released.path("additionalProperties").isObject()) {
            compare(released.path("additionalProperties"), current.path("additionalProperties"), path + ".*",
                    changes);
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isArray() ? texts(type) : type.isTextual() ? Set.of(type.asText()) : Set.of();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
