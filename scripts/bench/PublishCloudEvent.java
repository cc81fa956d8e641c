import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes one binary-mode CloudEvent (ce_* headers, JSON value), as the services' outbox relay does:
 *
 * <pre>
 * java -cp 'KAFKA/libs/*' scripts/bench/PublishCloudEvent.java BOOTSTRAP TOPIC TYPE SUBJECT PLANID DATA_FILE
 * </pre>
 */
public class PublishCloudEvent {
    public static void main(String[] args) throws Exception {
        String data = Files.readString(Path.of(args[5]));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", args[0],
                "acks", "all", "key.serializer", StringSerializer.class.getName(), "value.serializer",
                StringSerializer.class.getName()))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(args[1], args[3], data);
            Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                    "ce_source", "/bench", "ce_type", args[2], "ce_subject", args[3], "ce_planid", args[4],
                    "ce_time", OffsetDateTime.now().toString(), "content-type", "application/json");
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }
    }
}
