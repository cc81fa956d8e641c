package org.coprogram.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;

/**
 * Publishes CloudEvents in binary mode, standing in for another service in a single service's tests. Every event it
 * makes carries the extension {@code testfixture}: the event contract test (gateway) checks what the services emit and
 * skips these stand-ins, which may be abbreviated or deliberately odd. Topics are named as the contract names them and
 * written in the test run's namespace ({@link TestNamespace#topic}), where the services under test read.
 */
public final class EventPublisher implements AutoCloseable {

    public static final String FIXTURE = "testfixture";

    private final KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.BOOTSTRAP, ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName()));

    public static CloudEvent event(UUID id, String source, String type, String subject, String planId, String json) {
        return CloudEventBuilder.v1().withId(id.toString()).withSource(URI.create(source)).withType(type)
                .withSubject(subject).withTime(OffsetDateTime.now()).withDataContentType("application/json")
                .withExtension("planid", planId).withExtension(FIXTURE, "true")
                .withData(json.getBytes(StandardCharsets.UTF_8)).build();
    }

    public void publish(String topic, CloudEvent event) {
        try {
            producer.send(record(topic, event)).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + event.getType(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends every event before waiting for any acknowledgement, so that they travel in one producer batch and a
     * consumer polls them together (a test of batch consumption).
     */
    public void publishAll(String topic, java.util.List<CloudEvent> events) {
        var sent = events.stream().map(event -> producer.send(record(topic, event))).toList();
        try {
            for (var acknowledged : sent) {
                acknowledged.get(20, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProducerRecord<String, CloudEvent> record(String topic, CloudEvent event) {
        return new ProducerRecord<>(TestNamespace.topic(topic), event.getSubject(), event);
    }

    @Override
    public void close() {
        producer.close();
    }
}
