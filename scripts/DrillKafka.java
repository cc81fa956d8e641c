import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the backup/restore drill (scripts/drill_backup_restore.py, docs/operations.md "Back up and restore") needs from
 * Kafka, in one JVM per step, run by the source launcher with Kafka's libraries on the class path:
 *
 * <pre>
 * java -cp 'KAFKA/libs/*' scripts/DrillKafka.java BOOTSTRAP offsets GROUP,... TOPIC,...   # JSON: end offsets, groups' committed offsets
 * java -cp 'KAFKA/libs/*' scripts/DrillKafka.java BOOTSTRAP reset GROUP FILE               # FILE: JSON {"topic/partition": offset}
 * java -cp 'KAFKA/libs/*' scripts/DrillKafka.java BOOTSTRAP records TOPIC,...              # JSON lines, every record up to the end offsets
 * </pre>
 *
 * {@code reset} moves a consumer group's committed offsets (the group must have no member: stop its service first),
 * only for the partitions the file names. {@code records} reads each topic from its start to the end offsets taken
 * when it starts (no wait for a quiet period) and prints topic, partition, offset, timestamp, the CloudEvent id and type
 * (headers {@code ce_id}, {@code ce_type}) and the value as text.
 */
public final class DrillKafka {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DrillKafka BOOTSTRAP offsets|reset|records ...");
            System.exit(2);
        }
        String bootstrap = args[0];
        switch (args[1]) {
            case "offsets" -> offsets(bootstrap, List.of(args[2].split(",")), List.of(args[3].split(",")));
            case "reset" -> reset(bootstrap, args[2], Files.readString(Path.of(args[3])));
            case "records" -> records(bootstrap, List.of(args[2].split(",")));
            default -> {
                System.err.println("unknown step " + args[1]);
                System.exit(2);
            }
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static List<TopicPartition> partitions(Admin admin, List<String> topics) throws Exception {
        List<TopicPartition> all = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get()
                .forEach((name, d) -> d.partitions().forEach(p -> all.add(new TopicPartition(name, p.partition()))));
        return all;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> spec = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(spec).all().get().forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    private static String key(TopicPartition p) {
        return p.topic() + "/" + p.partition();
    }

    private static void offsets(String bootstrap, List<String> groups, List<String> topics) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, Long> ends = ends(admin, partitions(admin, topics));
            StringBuilder out = new StringBuilder("{\"ends\":").append(json(ends)).append(",\"groups\":{");
            for (int i = 0; i < groups.size(); i++) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groups.get(i))
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, Long> offsets = new HashMap<>();
                committed.forEach((p, o) -> {
                    if (o != null && topics.contains(p.topic())) {
                        offsets.put(p, o.offset());
                    }
                });
                out.append(i == 0 ? "" : ",").append('"').append(groups.get(i)).append("\":").append(json(offsets));
            }
            System.out.println(out.append("}}"));
        }
    }

    private static String json(Map<TopicPartition, Long> offsets) {
        Map<String, Long> sorted = new TreeMap<>();
        offsets.forEach((p, o) -> sorted.put(key(p), o));
        return sorted.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static void reset(String bootstrap, String group, String file) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
        for (String entry : file.replaceAll("[{}\"\\s]", "").split(",")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] kv = entry.split(":");
            int slash = kv[0].lastIndexOf('/');
            target.put(new TopicPartition(kv[0].substring(0, slash), Integer.parseInt(kv[0].substring(slash + 1))),
                    new OffsetAndMetadata(Long.parseLong(kv[1])));
        }
        try (Admin admin = admin(bootstrap)) {
            admin.alterConsumerGroupOffsets(group, target).all().get();
        }
        System.out.println("reset " + group + " on " + target.size() + " partitions");
    }

    private static void records(String bootstrap, List<String> topics) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<TopicPartition, Long> ends;
        List<TopicPartition> partitions;
        try (Admin admin = admin(bootstrap)) {
            partitions = partitions(admin, topics);
            ends = ends(admin, partitions);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> open = new ArrayList<>(partitions.stream().filter(p -> ends.get(p) > 0).toList());
            consumer.assign(open);
            consumer.seekToBeginning(open);
            long deadline = System.currentTimeMillis() + 120_000;
            while (!open.isEmpty()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("topics not read to their end offsets within 120 s: " + open);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < ends.get(p)) {
                        System.out.println("{\"topic\":\"" + r.topic() + "\",\"partition\":" + r.partition()
                                + ",\"offset\":" + r.offset() + ",\"timestamp\":" + r.timestamp() + ",\"id\":" + quote(header(r, "ce_id")) + ",\"type\":"
                                + quote(header(r, "ce_type")) + ",\"value\":"
                                + quote(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)) + "}");
                    }
                }
                open.removeIf(p -> consumer.position(p) >= ends.get(p));
                consumer.assign(open);
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
