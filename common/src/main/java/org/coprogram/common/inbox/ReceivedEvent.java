package org.coprogram.common.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvent read from Kafka: its attributes and its JSON data, and the W3C traceparent of its distributed-tracing
 * extension (the relay's producer span; null when it has none, or for a replayed parked event).
 */
public record ReceivedEvent(UUID id, String type, String source, String subject, String planId, OffsetDateTime time,
        JsonNode data, String traceparent) {

    /** An event without trace context. */
    public ReceivedEvent(UUID id, String type, String source, String subject, String planId, OffsetDateTime time,
            JsonNode data) {
        this(id, type, source, subject, planId, time, data, null);
    }
}
