package org.coprogram.common.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** A CloudEvent read from Kafka: its attributes and its JSON data. */
public record ReceivedEvent(UUID id, String type, String source, String subject, String planId, OffsetDateTime time,
        JsonNode data) {
}
