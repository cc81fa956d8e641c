package org.coprogram.common.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.coprogram.common.CoprogramConfig;
import org.coprogram.common.kafka.KafkaConnection;
import org.coprogram.telemetry.TraceContext;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Sends outbox rows as CloudEvents 1.0 in binary mode ({@code ce_*} headers, JSON data) with an idempotent,
 * acks=all producer. The plain Kafka producer is used (not a Reactive Messaging emitter) so that the relay sees
 * each acknowledgement or failure and marks a row published only after the broker has it.
 * <p>
 * Tracing: a row that kept the traceparent of the request that wrote it is sent inside a producer span, child of that
 * request's span, from the send to the broker's acknowledgement; the record carries the producer span's traceparent
 * as the CloudEvents distributed-tracing extension ({@code ce_traceparent}), which each consumer's span continues
 * (EventInbox). A row without one (tracing off, an anonymous response's event) is sent without either.
 */
@ApplicationScoped
public class CloudEventProducer {

    private static final Logger LOG = Logger.getLogger(CloudEventProducer.class);

    private final Producer<String, CloudEvent> producer;
    private final URI source;
    private final CoprogramConfig.TopicNamespace topics;
    private final Tracer tracer;

    @Inject
    public CloudEventProducer(CoprogramConfig config, KafkaConnection connection, Tracer tracer) {
        this(config.service(), config.topics(), new KafkaProducer<>(connection.with(settings(config.service()))),
                tracer);
    }

    /** For tests: any producer, e.g. Kafka's {@code MockProducer}; no tracing. */
    CloudEventProducer(String service, CoprogramConfig.TopicNamespace topics, Producer<String, CloudEvent> producer) {
        this(service, topics, producer, OpenTelemetry.noop().getTracer("coprogram"));
    }

    /** For tests: any producer and tracer. */
    CloudEventProducer(String service, CoprogramConfig.TopicNamespace topics, Producer<String, CloudEvent> producer,
            Tracer tracer) {
        this.source = URI.create("/" + service);
        this.topics = topics;
        this.producer = producer;
        this.tracer = tracer;
    }

    private static Map<String, Object> settings(String service) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-outbox");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName());
        return props;
    }

    /**
     * Sends the rows in order and waits for their acknowledgements. Blocking: call it on a worker thread.
     *
     * @return the ids of the longest prefix of {@code rows} the broker acknowledged; a row after the first failure is
     *         left for the next round even if it was delivered, so per-key order holds (consumers dedupe by id)
     */
    public List<UUID> sendInOrder(List<OutboxEvent> rows, Duration timeout) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        List<Span> spans = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            Span span = publishSpan(row);
            spans.add(span);
            try {
                sent.add(producer.send(record(row, span)));
            } catch (KafkaException e) {
                LOG.debugf(e, "Broker refused event %s", row.id);
                break;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<UUID> acknowledged = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(rows.get(i).id);
                spans.get(i).end();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("Event %s not yet delivered to %s, will retry: %s", rows.get(i).id, rows.get(i).topic,
                        e.getCause() != null ? e.getCause().getMessage() : e.toString());
                break;
            }
        }
        // Not acknowledged in this round: the row is sent again in a later one, in a span of its own.
        for (int i = acknowledged.size(); i < spans.size(); i++) {
            spans.get(i).setStatus(StatusCode.ERROR, "not acknowledged in this round").end();
        }
        return acknowledged;
    }

    /**
     * The producer span of one row: a child of the span that recorded it, or none (an invalid span) when the row has
     * no traceparent. Its attributes name the topic and the event (random ids, the type), never the payload.
     */
    private Span publishSpan(OutboxEvent row) {
        if (row.traceparent == null) {
            return Span.getInvalid();
        }
        String topic = topics.named(row.topic);
        return tracer.spanBuilder(topic + " publish")
                .setParent(TraceContext.parent(row.traceparent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", row.id.toString())
                .setAttribute("cloudevents.event_id", row.id.toString())
                .setAttribute("cloudevents.event_type", row.type)
                .startSpan();
    }

    /**
     * The record's timestamp is the event's time, as {@code ce_time} says, not the relay's clock: an anonymous
     * response's event carries only the hour of its batch, and a millisecond record time would give back what that
     * rounding hides (docs/privacy.md). Nothing here reads record times; retention is by size or never. The row keeps
     * the contract's topic name; the record goes to that topic in this deployment's namespace.
     */
    ProducerRecord<String, CloudEvent> record(OutboxEvent row) {
        return record(row, Span.getInvalid());
    }

    ProducerRecord<String, CloudEvent> record(OutboxEvent row, Span span) {
        return new ProducerRecord<>(topics.named(row.topic), null, row.occurredAt.toInstant().toEpochMilli(),
                row.subject, toCloudEvent(row, TraceContext.traceparent(Context.root().with(span))));
    }

    CloudEvent toCloudEvent(OutboxEvent row) {
        return toCloudEvent(row, null);
    }

    /** @param traceparent the distributed-tracing extension (the producer span's), or null for none */
    CloudEvent toCloudEvent(OutboxEvent row, String traceparent) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(row.id.toString())
                .withSource(source)
                .withType(row.type)
                .withSubject(row.subject)
                .withTime(row.occurredAt.withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(row.payload.getBytes(StandardCharsets.UTF_8));
        if (row.planId != null) {
            builder.withExtension("planid", row.planId);
        }
        if (traceparent != null) {
            builder.withExtension(TraceContext.TRACEPARENT, traceparent);
        }
        return builder.build();
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
