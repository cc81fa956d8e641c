package org.coprogram.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.coprogram.bridge.GroupLease;
import org.coprogram.gateway.proxy.Upstreams;
import org.coprogram.testing.TestNamespace;
import org.coprogram.testing.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One stream per consumer group across gateway replicas. This gateway is one replica; {@code otherReplica} is the
 * bridge's group rule of another one: its own {@link GroupLease} and Kafka clients against the same broker, sharing no
 * memory with this gateway, as a second pod would.
 */
@Tag("service")
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class PartnerStreamReplicasTest {

    private static final List<String> TOPICS = List.of("coprogram.plans");
    /** The same topics as the bridge reads them, in the tests' namespace: what another replica would join with. */
    private static final List<String> KAFKA_TOPICS = TOPICS.stream().map(TestNamespace::topic).toList();
    private static final String OPENED = ": coprogram, eventi per il gruppo ";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/api/partner/events")
    URI events;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private GroupLease otherReplica;
    private String token;

    @BeforeEach
    void startOtherReplica() {
        Properties kafka = new Properties();
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig()
                .getValue("gateway.partner-stream.bootstrap-servers", String.class));
        otherReplica = new GroupLease(kafka, Duration.ofSeconds(10));
        token = Tokens.ofClient("partner-demo", "partner-demo-secret");
    }

    @AfterEach
    void stopOtherReplica() {
        otherReplica.close();
    }

    @Test
    void aGroupStreamingOnAnotherReplicaIsRefusedHereWith409UntilThatStreamEnds() throws Exception {
        String name = uniqueName();
        String group = groupOf(name);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> otherReplica.requireFree(group));
        KafkaConsumer<String, CloudEvent> elsewhere = otherReplica.consumer(group);
        try {
            otherReplica.requireFree(group);
            assertThat(GroupLease.join(elsewhere, group, KAFKA_TOPICS, WAIT, () -> false)).isNotNull();

            HttpResponse<String> refused = http.send(request(name), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("Flusso già aperto");
            // The refused stream's consumer leaving its group took nothing from the replica that holds it.
            assertThat(http.send(request(name), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(409);
            elsewhere.poll(Duration.ofMillis(100));
            assertThat(elsewhere.assignment()).isNotEmpty();
        } finally {
            GroupLease.leave(elsewhere);
        }

        HttpResponse<Stream<String>> opened = http.send(request(name), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = opened.body()) {
            assertThat(opened.statusCode()).isEqualTo(200);
            assertThat(lines.iterator().next()).isEqualTo(OPENED + group);
        }
    }

    @Test
    void aStreamOpenHereIsAConflictForAnotherReplicaUntilThePartnerDisconnects() throws Exception {
        String name = uniqueName();
        HttpResponse<Stream<String>> opened = http.send(request(name), HttpResponse.BodyHandlers.ofLines());
        String group;
        try (Stream<String> lines = opened.body()) {
            assertThat(opened.statusCode()).isEqualTo(200);
            group = lines.iterator().next().substring(OPENED.length());
            // The answer came once the stream's consumer had the group: another replica asking now is refused.
            assertThatThrownBy(() -> otherReplica.requireFree(group)).isInstanceOf(GroupLease.GroupTaken.class);
        }

        // Disconnecting makes the stream leave its group, so it is free at once rather than after a session timeout.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> otherReplica.requireFree(group));
    }

    @Test
    void whenTwoReplicasOpenTheSameGroupTogetherOnlyOneStreamKeepsItAndTheOtherIsToldWhy() throws Exception {
        String name = uniqueName();
        HttpResponse<Stream<String>> opened = http.send(request(name), HttpResponse.BodyHandlers.ofLines());
        assertThat(opened.statusCode()).isEqualTo(200);
        KafkaConsumer<String, CloudEvent> elsewhere = null;
        try (Stream<String> lines = opened.body()) {
            Iterator<String> it = lines.iterator();
            String group = it.next().substring(OPENED.length());
            // The other replica asked while this one had not joined yet (the race), and joins now.
            elsewhere = otherReplica.consumer(group);
            assertThat(GroupLease.join(elsewhere, group, KAFKA_TOPICS, WAIT, () -> false)).isNotNull();

            CompletableFuture<Optional<String>> last = CompletableFuture.supplyAsync(() -> {
                String lastLine = null;
                while (it.hasNext()) {
                    String line = it.next();
                    lastLine = line.isEmpty() ? lastLine : line;
                }
                return Optional.ofNullable(lastLine);
            });
            assertThat(last.get(30, TimeUnit.SECONDS))
                    .hasValue(": chiuso: il gruppo è passato a un altro flusso aperto nello stesso momento");
            // The group was never split: the stream that stayed has every partition, and keeps them.
            elsewhere.poll(Duration.ofMillis(100));
            assertThat(elsewhere.assignment()).hasSize(partitionsOf(elsewhere));
            assertThat(http.send(request(name), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(409);
        } finally {
            if (elsewhere != null) {
                GroupLease.leave(elsewhere);
            }
        }
    }

    /** The group a stream of {@code name} reads with, as the gateway says it in the stream's first line. */
    private String groupOf(String name) throws Exception {
        HttpResponse<Stream<String>> opened = http.send(request(name), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = opened.body()) {
            assertThat(opened.statusCode()).isEqualTo(200);
            return lines.iterator().next().substring(OPENED.length());
        }
    }

    private static int partitionsOf(KafkaConsumer<?, ?> consumer) {
        return KAFKA_TOPICS.stream().mapToInt(topic -> consumer.partitionsFor(topic).size()).sum();
    }

    private HttpRequest request(String name) {
        return HttpRequest.newBuilder(URI.create(events + "?topics=" + String.join(",", TOPICS) + "&group=" + name))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(40)).build();
    }

    private static String uniqueName() {
        return "replicas-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
