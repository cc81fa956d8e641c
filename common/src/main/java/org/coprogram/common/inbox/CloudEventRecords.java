package org.coprogram.common.inbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a binary-mode CloudEvent (ce_* headers, JSON value) from a raw Kafka record. */
public final class CloudEventRecords {

    private static final Logger LOG = Logger.getLogger(CloudEventRecords.class);

    private CloudEventRecords() {
    }

    /** The event, or empty (logged) for a record that is not a readable CloudEvent. */
    public static Optional<ReceivedEvent> parse(ConsumerRecord<?, String> record, ObjectMapper json) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            LOG.warnf("Skipping a record that is not a CloudEvent at %s-%d/%d", record.topic(), record.partition(),
                    record.offset());
            return Optional.empty();
        }
        try {
            String time = header(record, "ce_time");
            return Optional.of(new ReceivedEvent(UUID.fromString(id), type, header(record, "ce_source"),
                    header(record, "ce_subject"), header(record, "ce_planid"),
                    time == null ? null : OffsetDateTime.parse(time), json.readTree(record.value()),
                    header(record, "ce_traceparent")));
        } catch (IllegalArgumentException | JsonProcessingException | java.time.format.DateTimeParseException e) {
            LOG.warnf("Skipping malformed CloudEvent %s: %s", id, e.getMessage());
            return Optional.empty();
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
