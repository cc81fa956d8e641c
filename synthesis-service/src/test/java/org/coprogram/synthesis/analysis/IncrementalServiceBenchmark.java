package org.coprogram.synthesis.analysis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;

/**
 * The service path of one new contribution at scale (issue #30; run by scripts/bench-incremental.sh, figures in
 * docs/synthesis.md): fills a plan of a running synthesis-service with N synthetic proposals (the texts of
 * {@code ClusterEvaluation scale}, by theme), asks for its clusters once (the full computation), then M times publishes
 * one new proposal on the real broker and asks for the clusters until the new contribution is in one: the time from
 * the publication to that answer, and how many requests it took. The server's own times per incremental update are in
 * its log (DEBUG of org.coprogram.synthesis.analysis), which the script reads.
 */
public final class IncrementalServiceBenchmark {

    private static final Pattern CONTRIBUTIONS = Pattern.compile("\"contributions\"\\s*:\\s*(\\d+)");

    private IncrementalServiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("csv")) {
            csv(Path.of(args[1]), args[2], Integer.parseInt(args[3]));
            return;
        }
        String base = args[0];
        String planId = args[1];
        int n = Integer.parseInt(args[2]);
        int m = Integer.parseInt(args[3]);
        String bootstrap = args[4];
        String topic = args[5] + "coprogram.proposals";
        List<TextContribution> texts = synthetic(ClusterEvaluation.corpora(), n + m);
        HttpClient http = HttpClient.newHttpClient();
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName()))) {
            long counted = contributions(http, base, planId);
            if (counted < n) {
                long start = System.nanoTime();
                for (int i = (int) counted; i < n; i++) {
                    UUID id = UUID.nameUUIDFromBytes((planId + ":" + i).getBytes(StandardCharsets.UTF_8));
                    send(producer, topic, planId, id, texts.get(i), failed);
                }
                producer.flush();
                while ((counted = contributions(http, base, planId)) < n) {
                    System.out.printf("  loading: %d of %d in the read model (%.0f s)%n", counted, n,
                            (System.nanoTime() - start) / 1e9);
                    Thread.sleep(5000);
                }
                System.out.printf("loaded %d proposals in %.0f s (failed sends %d)%n", n,
                        (System.nanoTime() - start) / 1e9, failed.get());
            }
            long start = System.nanoTime();
            String first = clusters(http, base, planId);
            System.out.printf("first clusters request (full computation if none is kept): %.2f s, %d bytes%n",
                    (System.nanoTime() - start) / 1e9, first.length());
            List<Double> millis = new ArrayList<>();
            List<Double> last = new ArrayList<>();
            List<Double> counts = new ArrayList<>();
            long salt = counted;
            for (int j = 0; j < m; j++) {
                // Ids that sort first, so the new contribution is among the 500 member ids a cluster lists.
                UUID id = new UUID(Long.MIN_VALUE + salt * 1000 + j, 1);
                long sent = System.nanoTime();
                send(producer, topic, planId, id, texts.get(n + j), failed);
                int requests = 0;
                String body;
                long asked;
                do {
                    asked = System.nanoTime();
                    body = clusters(http, base, planId);
                    requests++;
                } while (!body.contains(id.toString()));
                double ms = (System.nanoTime() - sent) / 1e6;
                millis.add(ms);
                last.add((System.nanoTime() - asked) / 1e6);
                counts.add((double) requests);
                System.out.printf("  new contribution %d: %.1f ms from publication to the clusters that hold it"
                        + " (%d requests, %d bytes)%n", j + 1, ms, requests, body.length());
            }
            if (m == 0) {
                return;
            }
            millis.sort(Double::compare);
            System.out.printf("event -> clusters holding it, %d new contributions: p50 %.1f ms, p95 %.1f ms,"
                    + " max %.1f ms; the answer that held it took p50 %.1f ms, p95 %.1f ms, max %.1f ms; requests per"
                    + " contribution p50 %.0f, max %.0f%n", m, at(millis, 0.5), at(millis, 0.95),
                    millis.get(millis.size() - 1), at(sorted(last), 0.5), at(sorted(last), 0.95),
                    sorted(last).get(m - 1), at(sorted(counts), 0.5), sorted(counts).get(m - 1));
        }
    }

    /**
     * The N synthetic proposals as the read model's rows (CSV for {@code COPY contribution}): how the script fills a
     * plan when the broker is too slow to carry 100,000 submissions in reasonable time on a loaded machine.
     */
    static void csv(Path file, String planId, int n) throws Exception {
        List<TextContribution> texts = synthetic(ClusterEvaluation.corpora(), n);
        try (var out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < n; i++) {
                TextContribution t = texts.get(i);
                UUID id = UUID.nameUUIDFromBytes((planId + ":" + i).getBytes(StandardCharsets.UTF_8));
                out.write(String.join(",", id.toString(), planId, "PROPOSAL", "PROPOSAL", t.theme(), "072006", "BA",
                        "\"" + t.text().replace("\"", "\"\"") + "\"", "SUBMITTED", "2026-10-01T09:00:00Z"));
                out.write("\n");
            }
        }
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        copy.sort(Double::compare);
        return copy;
    }

    static double at(List<Double> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }

    /** The synthetic texts of {@code ClusterEvaluation scale}: two sentences of one category, themes by corpus. */
    static List<TextContribution> synthetic(List<ClusterEvaluation.Labelled> corpora, int n) {
        Map<String, List<String>> sentences = new TreeMap<>();
        Map<String, String> themeOf = new HashMap<>();
        for (ClusterEvaluation.Labelled corpus : corpora) {
            for (ClusterEvaluation.Text t : ClusterEvaluation.byTheme(corpus)) {
                String category = corpus.name() + "/" + t.category();
                themeOf.put(category, (corpus.name() + "-" + t.theme()).replaceAll("[^a-z0-9-]", "-"));
                for (String s : t.text().split("(?<=[.!?])\\s+")) {
                    if (s.length() > 20) {
                        sentences.computeIfAbsent(category, c -> new ArrayList<>()).add(s);
                    }
                }
            }
        }
        List<String> categories = new ArrayList<>(sentences.keySet());
        SplittableRandom random = new SplittableRandom(42);
        List<TextContribution> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String category = categories.get(random.nextInt(categories.size()));
            List<String> pool = sentences.get(category);
            String text = pool.get(random.nextInt(pool.size())) + " " + pool.get(random.nextInt(pool.size()));
            texts.add(new TextContribution(new UUID(1, i), "PROPOSAL", null, text, themeOf.get(category), "BA",
                    null, "072006", 0));
        }
        return texts;
    }

    private static void send(KafkaProducer<String, CloudEvent> producer, String topic, String planId, UUID id,
            TextContribution text, AtomicLong failed) {
        String json = String.format("{\"proposalId\":\"%s\",\"planId\":\"%s\",\"kind\":\"PROPOSAL\",\"title\":null,"
                + "\"body\":%s,\"theme\":\"%s\",\"municipality\":\"072006\",\"district\":null,\"province\":\"BA\","
                + "\"category\":\"CITIZEN\",\"status\":\"SUBMITTED\",\"author\":\"bench-%s\",\"createdAt\":\"%s\"}",
                id, planId, quote(text.text()), text.theme(), id, OffsetDateTime.now());
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/bench")).withType("org.coprogram.proposal.submitted.v1")
                .withSubject(id.toString()).withTime(OffsetDateTime.now()).withDataContentType("application/json")
                .withExtension("planid", planId).withData(json.getBytes(StandardCharsets.UTF_8)).build();
        producer.send(new ProducerRecord<>(topic, id.toString(), event), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            }
        });
    }

    private static long contributions(HttpClient http, String base, String planId) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/plans/" + planId + "/synthesis"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = CONTRIBUTIONS.matcher(body);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static String clusters(HttpClient http, String base, String planId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/plans/" + planId
                + "/synthesis/clusters")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("clusters: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "\"";
    }
}
