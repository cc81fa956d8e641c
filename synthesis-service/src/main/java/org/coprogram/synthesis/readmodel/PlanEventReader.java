package org.coprogram.synthesis.readmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.coprogram.common.inbox.CloudEventRecords;
import org.coprogram.common.inbox.ReceivedEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Blocking, one call at a time: reads the topics in the order given, each from its first record up to its end as it
 * was when the reader reached it, one poll (at most the consumer's {@code max.poll.records}) per {@link #next}, and
 * keeps the events of one plan. Topics are given and reported by their contract names, and read in the deployment's
 * namespace ({@code kafkaName}).
 */
final class PlanEventReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA = Duration.ofSeconds(20);

    /** One poll of {@code topic}: how many records it read and which of them are the plan's events. */
    record Batch(String topic, int records, List<ReceivedEvent> events) {

        static final Batch END = new Batch(null, 0, List.of());

        boolean isEnd() {
            return this == END;
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<String> topics;
    private final UnaryOperator<String> kafkaName;
    private final String planId;
    private final ObjectMapper json;
    private int topic = -1;
    private List<TopicPartition> partitions = List.of();
    private Map<TopicPartition, Long> ends = Map.of();

    PlanEventReader(KafkaConsumer<String, String> consumer, List<String> topics, UnaryOperator<String> kafkaName,
            String planId, ObjectMapper json) {
        this.consumer = consumer;
        this.topics = topics;
        this.kafkaName = kafkaName;
        this.planId = planId;
        this.json = json;
    }

    /** The next poll, or {@link Batch#END} once every topic has been read to its end. */
    Batch next() {
        while (partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
            if (++topic == topics.size()) {
                return Batch.END;
            }
            String name = kafkaName.apply(topics.get(topic));
            partitions = consumer.partitionsFor(name, METADATA).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ends = consumer.endOffsets(partitions);
        }
        ConsumerRecords<String, String> records = consumer.poll(POLL);
        List<ReceivedEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (planId.equals(CloudEventRecords.header(record, "ce_planid"))) {
                CloudEventRecords.parse(record, json).ifPresent(events::add);
            }
        }
        return new Batch(topics.get(topic), records.count(), events);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
