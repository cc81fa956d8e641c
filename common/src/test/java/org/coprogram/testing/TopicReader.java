package org.coprogram.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A plain Kafka consumer, as a partner would use, that sees what is written to a topic after it was opened. The topic
 * is named as the contract names it and read in the test run's namespace ({@link TestNamespace#topic}), where the
 * services under test write. Not thread-safe; close it after the test.
 */
public final class TopicReader implements AutoCloseable {

    public static final String BOOTSTRAP = System.getProperty("coprogram.kafka", "127.0.0.1:9092");
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicReader(String contractTopic, boolean fromBeginning) {
        String topic = TestNamespace.topic(contractTopic);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
    }

    /** Opens a reader positioned at the current end of every partition of {@code topic}. */
    public static TopicReader fromNow(String topic) {
        return new TopicReader(topic, false);
    }

    /** Opens a reader at the first record still on the topic. */
    public static TopicReader fromBeginning(String topic) {
        return new TopicReader(topic, true);
    }

    /** Everything readable now: polls until a poll brings nothing new. */
    public List<ConsumerRecord<String, String>> drain() {
        Awaitility.await("a poll that brings nothing new").atMost(Duration.ofMinutes(2)).pollInSameThread()
                .pollInterval(Duration.ofMillis(1)).until(() -> {
                    int before = seen.size();
                    consumer.poll(Duration.ofMillis(1000)).forEach(seen::add);
                    return seen.size() == before;
                });
        return List.copyOf(seen);
    }

    /**
     * Everything on the topic up to its end offsets of this moment (every partition's), read without a quiet period:
     * after {@link OutboxDrain#await}, every event the service published so far, duplicates included.
     */
    public List<ConsumerRecord<String, String>> readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(20));
        Awaitility.await("the end offsets " + end).atMost(Duration.ofMinutes(1)).pollInSameThread()
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
                    if (end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                        return true;
                    }
                    poll();
                    return false;
                });
        return List.copyOf(seen);
    }

    /**
     * Reads until {@code expected} records match or {@code timeout} is up, then until the service whose outbox is in
     * {@code database} has published every event committed so far ({@link OutboxDrain}) and to the topic's end: every
     * matching record, a late duplicate included, deterministically. With {@code expected} 0 it proves that none was
     * published.
     */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int expected,
            Duration timeout, DataSource database) {
        await(match, expected, timeout, Duration.ZERO);
        OutboxDrain.await(database);
        readToEnd();
        return seen.stream().filter(match).toList();
    }

    /**
     * Reads until {@code expected} records match or the time is up, then keeps reading for {@code settle} to catch
     * duplicates; returns every matching record. For a reader that cannot see the publisher's outbox (the e2e tier);
     * a service's own tests use {@link #await(Predicate, int, Duration, DataSource)}.
     */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int expected,
            Duration timeout, Duration settle) {
        // A zero timeout reads only during the settle time.
        if (!timeout.isZero() && expected > 0) {
            try {
                Awaitility.await().atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1)).until(() -> {
                            poll();
                            return count(match) >= expected;
                        });
            } catch (ConditionTimeoutException e) {
                // Fewer than expected: the caller's assertion on what did arrive says so more clearly.
            }
        }
        if (!settle.isZero()) {
            Awaitility.await().during(settle).atMost(settle.plusSeconds(5)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        poll();
                        return true;
                    });
        }
        return seen.stream().filter(match).toList();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private long count(Predicate<ConsumerRecord<String, String>> match) {
        return seen.stream().filter(match).count();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Predicate<ConsumerRecord<String, String>> ofType(String type, String subject) {
        return record -> type.equals(header(record, "ce_type")) && subject.equals(header(record, "ce_subject"));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
