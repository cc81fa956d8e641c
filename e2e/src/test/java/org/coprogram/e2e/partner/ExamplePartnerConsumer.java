package org.coprogram.e2e.partner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/**
 * The partner guide's example (docs/partners.md): follows Coprogram's public topics with nothing but the Kafka client
 * and the CloudEvents SDK's Kafka binding.
 * <ul>
 * <li>its own consumer group, so the platform keeps its position; a new group starts from the first event ever
 * published;</li>
 * <li>offsets are committed only after the handler ran: delivery is at least once, so events are deduplicated by
 * their {@code id} (a real partner keeps the ids it applied in its own database, in the same transaction);</li>
 * <li>events of one aggregate (the record key, also the event's {@code subject}) arrive in order.</li>
 * </ul>
 * Run it with {@code java ExamplePartnerConsumer <bootstrap> <group>} and the two libraries on the class path.
 */
public final class ExamplePartnerConsumer implements AutoCloseable {

    public static final List<String> PUBLIC_TOPICS = List.of("coprogram.plans", "coprogram.proposals",
            "coprogram.surveys", "coprogram.meetings", "coprogram.synthesis");
    private static final int REMEMBERED_IDS = 100_000;

    private final KafkaConsumer<String, CloudEvent> consumer;
    private final Map<String, Boolean> applied = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };

    /** {@code security} holds the client settings of the partner's Kafka user (SASL/SCRAM or TLS) in production. */
    public ExamplePartnerConsumer(String bootstrapServers, String group, Properties security) {
        this(bootstrapServers, group, security, PUBLIC_TOPICS);
    }

    /** On other topics than the production names: the public topics of a test platform, behind its prefix. */
    public ExamplePartnerConsumer(String bootstrapServers, String group, Properties security, List<String> topics) {
        Properties config = new Properties();
        config.putAll(security);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
        consumer = new KafkaConsumer<>(config);
        consumer.subscribe(topics);
    }

    /** One poll: hands each event not seen before to {@code handler}, then commits; the events handed over. */
    public List<CloudEvent> poll(Duration timeout, Consumer<CloudEvent> handler) {
        List<CloudEvent> handled = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : consumer.poll(timeout)) {
            CloudEvent event = record.value();
            if (applied.putIfAbsent(event.getId(), Boolean.TRUE) == null) {
                handler.accept(event);
                handled.add(event);
            }
        }
        consumer.commitSync();
        return handled;
    }

    @Override
    public void close() {
        consumer.close();
    }

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String group = args.length > 1 ? args[1] : "partner-example-demo";
        try (ExamplePartnerConsumer partner = new ExamplePartnerConsumer(bootstrap, group, new Properties())) {
            Runtime.getRuntime().addShutdownHook(new Thread(partner.consumer::wakeup));
            while (true) {
                partner.poll(Duration.ofSeconds(1), event -> System.out.printf("%s %s %s plan=%s %s%n", event.getTime(),
                        event.getType(), event.getSubject(), event.getExtension("planid"),
                        new String(event.getData().toBytes(), StandardCharsets.UTF_8)));
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopped) {
            // Ctrl-C: the last poll's offsets were committed
        }
    }
}
