package org.coprogram.bridge;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/**
 * One partner stream per consumer group across every gateway replica, with Kafka as the only shared state.
 * <p>
 * A stream's consumer is a static member of its group whose {@code group.instance.id} is the group's own name, so a
 * group can have one such member at a time, whichever replica runs it. Before joining, a stream asks the broker for the
 * group's members ({@link #requireFree}): any member means a stream is open elsewhere, and the partner gets 409. Two
 * replicas asking at the same moment both find the group free; then the broker keeps the last of the two to join and
 * fences the other (its next poll or commit fails: {@link #lost}), so the group's partitions are never split between
 * two streams and the fenced one cannot commit. A stream leaves its group when it ends
 * ({@link #leave}: a static member otherwise stays until its session times out), so the next one opens at once; a
 * replica that dies without leaving holds its groups for the session timeout.
 * <p>
 * On a broker with the consumer rebalance protocol (Kafka 4, {@code group.protocol=consumer}) the broker would itself
 * refuse the second member ({@link UnreleasedInstanceIdException}); the bridge uses the classic protocol, which Kafka 4
 * still serves (locally and on Kubernetes), and treats both exceptions alike.
 */
public final class GroupLease implements AutoCloseable {

    /** The group already has a member: a stream of it is open on this or another replica. */
    public static final class GroupTaken extends RuntimeException {
        GroupTaken(String group) {
            super("consumer group " + group + " has a member already");
        }
    }

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    /** How long a retriable answer is asked again, and the pause between two asks. */
    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(15);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final Properties kafka;
    private final Duration sessionTimeout;
    /** Made on first use: the gateway starts, and serves everything but streams, while Kafka is unreachable. */
    private Admin admin;

    /** @param kafka bootstrap servers and the connection's login and TLS settings */
    public GroupLease(Properties kafka, Duration sessionTimeout) {
        this.kafka = kafka;
        this.sessionTimeout = sessionTimeout;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka);
        }
        return admin;
    }

    /**
     * Makes the client and reaches the broker once, off the request path: the first stream after a start otherwise paid
     * for both (4.7 s to make the client and 9 s more to find the broker on a loaded test machine, past the 15 s a
     * stream asks for, so the partner got 503). Failures are left to the first stream to meet and report.
     */
    public void connect() {
        try {
            admin().describeCluster().nodes().get(RETRY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the broker may be down at start; streams ask again
        }
    }

    /**
     * Blocks on the broker; throws {@link GroupTaken} if the group has a member. A retriable answer (the group's
     * coordinator still loading or moving, as on a freshly started broker) is asked again until the same deadline.
     */
    public void requireFree(String group) {
        long deadline = System.nanoTime() + RETRY_DEADLINE.toNanos();
        while (true) {
            try {
                requireFreeOnce(group);
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void requireFreeOnce(String group) {
        ConsumerGroupDescription description;
        try {
            description = admin()
                    .describeConsumerGroups(List.of(group),
                            new DescribeConsumerGroupsOptions().timeoutMs((int) ASK_TIMEOUT.toMillis()))
                    .describedGroups().get(group).get(ASK_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return; // a group never used (Kafka 4; 3.9 describes it as Dead, without members)
            }
            throw new IllegalStateException("could not describe consumer group " + group + ": " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not describe consumer group " + group + " in time", e);
        }
        if (!description.members().isEmpty()) {
            throw new GroupTaken(group);
        }
    }

    /** A consumer of {@code group} as its one static member; {@link #leave} it when done. */
    public KafkaConsumer<String, CloudEvent> consumer(String group) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, group);
        properties.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(sessionTimeout.toMillis() / 3));
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }

    /**
     * Subscribes and polls until the group has assigned the consumer its partitions, and returns what those polls
     * read (to be relayed first, not lost). Throws {@link GroupTaken} when the broker gives the group to another
     * member meanwhile, {@link TimeoutException} when the join takes longer than {@code within}, and returns null once
     * {@code abandoned} holds.
     */
    public static ConsumerRecords<String, CloudEvent> join(KafkaConsumer<String, CloudEvent> consumer, String group,
            Collection<String> topics, Duration within, BooleanSupplier abandoned) throws TimeoutException {
        AtomicBoolean assigned = new AtomicBoolean();
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // offsets are committed after each written batch: nothing to do
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned.set(true);
            }
        });
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (!abandoned.getAsBoolean()) {
                ConsumerRecords<String, CloudEvent> records = consumer.poll(Duration.ofMillis(200));
                if (assigned.get()) {
                    return records;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("consumer group " + group + " not joined within " + within);
                }
            }
            return null;
        } catch (RuntimeException e) {
            if (lost(e)) {
                throw new GroupTaken(group);
            }
            throw e;
        }
    }

    /** Whether {@code failure} says the group has passed to another member (a stream on another replica). */
    public static boolean lost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FencedInstanceIdException || cause instanceof UnreleasedInstanceIdException
                    || cause instanceof CommitFailedException || cause instanceof GroupTaken) {
                return true;
            }
        }
        return false;
    }

    /**
     * Closes the consumer and takes its member out of the group, so that the group is free at once. A consumer that
     * was fenced leaves nothing: the broker knows its member by id and keeps the one that replaced it.
     */
    public static void leave(KafkaConsumer<?, ?> consumer) {
        consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(5)));
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
