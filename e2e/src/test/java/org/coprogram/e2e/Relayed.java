package org.coprogram.e2e;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.testing.TopicReader;

/**
 * What a topic holds of the events the requests answered so far caused, read deterministically: the e2e tier's form of
 * {@link TopicReader#await(Predicate, int, Duration, javax.sql.DataSource)}, with every service's outbox drained
 * ({@link Platform#drainOutboxes()}) instead of a quiet period after the last expected record.
 */
final class Relayed {

    private Relayed() {
    }

    /**
     * Reads until {@code expected} records match or {@code timeout} is up, then until every outbox relayed everything
     * committed so far, then to the topic's end: every matching record, a late duplicate included. With {@code expected}
     * 0 it proves that none was published.
     */
    static List<ConsumerRecord<String, String>> matching(TopicReader topic,
            Predicate<ConsumerRecord<String, String>> match,
            int expected, Duration timeout) {
        topic.await(match, expected, timeout, Duration.ZERO);
        Platform.drainOutboxes();
        return topic.readToEnd().stream().filter(match).toList();
    }
}
