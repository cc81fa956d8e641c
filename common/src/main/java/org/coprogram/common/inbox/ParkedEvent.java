package org.coprogram.common.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A row of {@code parked_event}: a record whose handler kept failing, with what it takes to apply it again. */
public record ParkedEvent(long id, String consumer, String channel, UUID eventId, String topic, int partition,
        long offset, String type, String source, String subject, String planId, OffsetDateTime eventTime,
        String payload, String errorClass, String errorMessage, int attempts, OffsetDateTime parkedAt) {

    /** The event as the handler first received it. */
    public ReceivedEvent event(ObjectMapper json) {
        try {
            return new ReceivedEvent(eventId, type, source, subject, planId, eventTime, json.readTree(payload));
        } catch (JsonProcessingException e) {
            // It was parsed once before it was parked; the stored text is that same value.
            throw new IllegalStateException("Parked event " + id + " has an unreadable payload", e);
        }
    }
}
