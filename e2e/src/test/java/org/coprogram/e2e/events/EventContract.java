package org.coprogram.e2e.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.EventSchemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;

/** What every event on a public topic promises partners (docs/partners.md, DESIGN.md "Events"). */
public final class EventContract {

    private static final Map<String, JsonNode> SCHEMAS = EventSchemas.read(EventSchemas.CURRENT);
    private static final Map<String, JsonSchema> STRICT = new TreeMap<>();

    static {
        SCHEMAS.forEach((type, schema) -> STRICT.put(type, EventSchemas.strict(schema)));
    }

    private EventContract() {
    }

    /** Whether a test published the event in place of a service (EventPublisher); the contract is the services'. */
    public static boolean isTestFixture(CloudEvent event) {
        return event.getExtension(EventPublisher.FIXTURE) != null;
    }

    /** The ways one decoded record breaks the contract; empty when it keeps it. */
    public static List<String> violations(String topic, String key, CloudEvent event) {
        List<String> violations = new ArrayList<>();
        if (event.getSpecVersion() != SpecVersion.V1) {
            violations.add("specversion " + event.getSpecVersion());
        }
        if (!isUuid(event.getId())) {
            violations.add("id is not a UUID: " + event.getId());
        }
        if (event.getSource() == null || !event.getSource().toString().startsWith("/")) {
            violations.add("source " + event.getSource());
        }
        if (event.getSubject() == null || !event.getSubject().equals(key)) {
            violations.add("subject " + event.getSubject() + " is not the record key " + key);
        }
        if (event.getTime() == null) {
            violations.add("no time");
        }
        if (!"application/json".equals(event.getDataContentType())) {
            violations.add("datacontenttype " + event.getDataContentType());
        }
        if (event.getExtension("planid") == null) {
            violations.add("no planid extension");
        }
        JsonNode schema = SCHEMAS.get(event.getType());
        if (schema == null) {
            violations.add("no schema in docs/events/schemas for this type");
            return violations;
        }
        if (!topic.equals(schema.path("x-topic").asText())) {
            violations.add("published on " + topic + ", the catalogue says " + schema.path("x-topic").asText());
        }
        try {
            JsonNode data = EventSchemas.JSON
                    .readTree(event.getData() == null ? new byte[0] : event.getData().toBytes());
            STRICT.get(event.getType()).validate(data).stream().map(ValidationMessage::getMessage)
                    .forEach(violations::add);
        } catch (IOException e) {
            violations.add("data is not JSON: " + e.getMessage());
        }
        return violations;
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
