import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies every record of a topic, as it is when the copy starts, to the same partition of another topic with the same
 * key, value, headers and timestamp, in order, leaving out the records whose CloudEvent type (header {@code ce_type})
 * is one of those given. docs/operations.md, "Purging withdrawn event types", says when and how to use it.
 *
 * <pre>
 * java -cp "$(cat /tmp/cp.txt)" scripts/TopicFilterCopy.java client.properties SOURCE TARGET [TYPE ...]
 * </pre>
 *
 * {@code client.properties}: {@code bootstrap.servers} and the login settings. Reads with assigned partitions and no
 * consumer group; the target must exist with at least as many partitions and be empty.
 */
public class TopicFilterCopy {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: TopicFilterCopy client.properties SOURCE TARGET [TYPE ...]");
            System.exit(2);
        }
        Properties client = new Properties();
        try (var in = Files.newBufferedReader(Path.of(args[0]))) {
            client.load(in);
        }
        String source = args[1];
        String target = args[2];
        Set<String> dropped = Set.copyOf(List.of(args).subList(3, args.length));

        Properties consumerConfig = new Properties();
        consumerConfig.putAll(client);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Properties producerConfig = new Properties();
        producerConfig.putAll(client);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

        Map<String, Long> droppedByType = new HashMap<>();
        long copied = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            int targetPartitions = producer.partitionsFor(target).size();
            List<TopicPartition> partitions = consumer.partitionsFor(source, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(source, p.partition())).toList();
            if (targetPartitions < partitions.size()) {
                throw new IllegalStateException(target + " has " + targetPartitions + " partitions, " + source
                        + " " + partitions.size() + ": a record's key must stay in its partition");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() >= ends.get(new TopicPartition(source, record.partition()))) {
                        continue; // written after the copy started: not part of this copy
                    }
                    Header type = record.headers().lastHeader("ce_type");
                    String name = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                    if (dropped.contains(name)) {
                        droppedByType.merge(name, 1L, Long::sum);
                        continue;
                    }
                    producer.send(new ProducerRecord<>(target, record.partition(), record.timestamp(), record.key(),
                            record.value(), record.headers()));
                    copied++;
                }
            }
            producer.flush();
        }
        System.out.printf("%s -> %s: %d records copied, dropped %s%n", source, target, copied, droppedByType);
    }
}
