package org.coprogram.synthesis.analysis;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;

/**
 * Publishes proposal events for an existing plan at a fixed rate (an open model: the schedule does not wait for the
 * consumer), alternating submissions and supports, each stamped with its send time. The synthesis-service's
 * {@code coprogram.synthesis.event.lag} timer then tells how long events took to reach the read model. Run by
 * scripts/bench-synthesis.sh.
 */
public final class EventRateBenchmark {

    private EventRateBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        String planId = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String bootstrap = args.length > 3 ? args[3] : "127.0.0.1:9092";
        List<Corpus.Entry> corpus = Corpus.load().entries();
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName()))) {
            long total = (long) rate * seconds;
            long start = System.nanoTime();
            UUID current = null;
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String json;
                String type;
                if (i % 2 == 0) {
                    current = UUID.randomUUID();
                    Corpus.Entry e = corpus.get((int) (i / 2 % corpus.size()));
                    type = "org.coprogram.proposal.submitted.v1";
                    json = String.format("{\"proposalId\":\"%s\",\"planId\":\"%s\",\"kind\":\"%s\",\"title\":%s,"
                            + "\"body\":%s,\"theme\":\"%s\",\"municipality\":\"%s\",\"district\":null,"
                            + "\"province\":\"%s\",\"category\":\"CITIZEN\",\"status\":\"SUBMITTED\","
                            + "\"author\":\"bench-%d\",\"createdAt\":\"%s\"}", current, planId, e.kind(),
                            quote(e.title()), quote(e.text()), e.theme(), e.municipality().istatCode(),
                            e.municipality().provinceCode(), i % 5000, OffsetDateTime.now());
                } else {
                    type = "org.coprogram.proposal.supported.v1";
                    json = String.format("{\"proposalId\":\"%s\",\"planId\":\"%s\",\"supporter\":\"fan-%d\","
                            + "\"supports\":1,\"occurredAt\":\"%s\"}", current, planId, i % 5000, OffsetDateTime.now());
                }
                CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                        .withSource(URI.create("/bench")).withType(type).withSubject(current.toString())
                        .withTime(OffsetDateTime.now()).withDataContentType("application/json")
                        .withExtension("planid", planId).withData(json.getBytes(StandardCharsets.UTF_8)).build();
                producer.send(new ProducerRecord<>("coprogram.proposals", current.toString(), event),
                        (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("published=%d seconds=%.1f rate=%.0f/s failed=%d%n", total, elapsed, total / elapsed,
                    failed.get());
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
