package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.coprogram.testing.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two gateway replicas and one partner group: the platform's gateway and a second process of the same build
 * ({@code gateway/target/quarkus-app}) on a free port, configured as {@code ./coprogram} configures the test platform's
 * (its realm, its topics, its services), sharing nothing with it but Kafka and Keycloak, as two pods do.
 */
@Tag("e2e")
// One partner-stream class at a time: they count the gateway's open streams, which it caps across partners.
@ResourceLock("partner-event-streams")
class PartnerStreamReplicasE2ETest {

    private static final Path ROOT = Platform.ROOT;
    private static final String FIRST = Platform.GATEWAY;
    private static String secondGateway;
    private static final String OPENED = ": coprogram, eventi per il gruppo ";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Process secondReplica;

    @BeforeAll
    static void startSecondReplica() throws Exception {
        Path jar = ROOT.resolve("gateway/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the gateway's build").exists();
        Path log = ROOT.resolve("e2e/target/second-replica.log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        secondGateway = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + port, "-Dquarkus.oidc.auth-server-url=" + TestNamespace.realmUrl(),
                "-Dcoprogram.topics.prefix=" + TestNamespace.TOPIC_PREFIX));
        Platform.services().forEach((module, url) -> command
                .add("-Dgateway.services." + module.substring(0, module.indexOf('-')) + "=" + url));
        command.addAll(List.of("-jar", jar.toString()));
        secondReplica = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(secondGateway + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @AfterAll
    static void stopSecondReplica() throws Exception {
        if (secondReplica != null) {
            secondReplica.destroy();
            if (!secondReplica.waitFor(20, TimeUnit.SECONDS)) {
                secondReplica.destroyForcibly();
            }
        }
    }

    @Test
    void aGroupStreamingOnOneReplicaGets409OnTheOtherUntilThatStreamCloses() throws Exception {
        String token = TestPartners.token("e2e-partner-replicas", Duration.ofMinutes(5));
        String name = "replicas-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<Stream<String>> first = open(FIRST, token, name);
        String group;
        try (Stream<String> lines = first.body()) {
            assertThat(first.statusCode()).isEqualTo(200);
            group = lines.iterator().next().substring(OPENED.length());

            HttpResponse<String> refused = HTTP.send(request(secondGateway, token, name),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("Flusso già aperto");
        }

        // The first stream's partner disconnected: its replica leaves the group, and the other may open it.
        AtomicReference<HttpResponse<Stream<String>>> second = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<Stream<String>> attempt = open(secondGateway, token, name);
            if (attempt.statusCode() == 200) {
                second.set(attempt);
                return true;
            }
            attempt.body().close();
            return false;
        });
        try (Stream<String> lines = second.get().body()) {
            assertThat(lines.iterator().next()).isEqualTo(OPENED + group);
            assertThat(HTTP.send(request(FIRST, token, name), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(409);
        }
    }

    private static HttpResponse<Stream<String>> open(String gateway, String token, String name) throws Exception {
        return HTTP.send(request(gateway, token, name), HttpResponse.BodyHandlers.ofLines());
    }

    private static HttpRequest request(String gateway, String token, String name) {
        return HttpRequest
                .newBuilder(URI.create(gateway + "/api/partner/events?topics=coprogram.plans&group=" + name))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(40)).build();
    }
}
