import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes many binary-mode CloudEvents of one type (ce_* headers, JSON value), as the services' outbox relay does:
 * one event per line of DATA_FILE, "subject TAB json"; the subject is also the record's key. Waits for every ack and
 * fails if any was refused.
 *
 * <pre>
 * java -cp 'KAFKA/libs/*' scripts/bench/PublishEvents.java BOOTSTRAP TOPIC TYPE PLANID DATA_FILE
 * </pre>
 */
public class PublishEvents {
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[4]), StandardCharsets.UTF_8);
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", args[0],
                "acks", "all", "linger.ms", "5", "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String subject = line.substring(0, tab);
                ProducerRecord<String, String> record = new ProducerRecord<>(args[1], subject,
                        line.substring(tab + 1));
                Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                        "ce_source", "/bench", "ce_type", args[2], "ce_subject", subject, "ce_planid", args[3],
                        "ce_time", OffsetDateTime.now().toString(), "content-type", "application/json");
                headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            System.err.println(failed.get() + " events refused by the broker");
            System.exit(1);
        }
        System.out.println(lines.size() + " events published to " + args[1]);
    }
}
