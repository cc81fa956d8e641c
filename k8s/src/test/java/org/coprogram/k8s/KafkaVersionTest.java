package org.coprogram.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kafka on Kubernetes is the Kafka developers run: the Kafka of the Strimzi cluster has the major version of the one
 * {@code ./coprogram} runs, is one the targeted Strimzi release runs, and every Strimzi object uses the API version
 * whose schemas that release ships.
 */
class KafkaVersionTest {

    /** Where the local Kafka is pinned: the {@code coprogram} script, which fetches and starts it. */
    private static final Pattern LOCAL_KAFKA = Pattern.compile("^KAFKA_VERSION=(\\S+)$", Pattern.MULTILINE);
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaOnKubernetesHasTheMajorVersionOfTheLocalKafka(String overlay) throws IOException {
        String local = localKafkaVersion();
        String cluster = kafkaSpec(overlay).path("version").asText();

        assertThat(major(cluster)).as("Kafka %s in k8s/base/kafka/kafka.yaml, Kafka %s in ./coprogram", cluster, local)
                .isEqualTo(major(local));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaOnKubernetesIsAVersionTheStrimziReleaseRunsWithItsOwnMetadataVersion(String overlay) {
        JsonNode kafka = kafkaSpec(overlay);
        String version = kafka.path("version").asText();
        List<String> supported = new ArrayList<>();
        strimziSchemas().at("/kafkaVersions/supported").forEach(v -> supported.add(v.asText()));

        assertThat(supported).as("Kafka versions Strimzi %s runs", strimziVersion()).isNotEmpty().contains(version);
        Matcher parts = VERSION.matcher(version);
        assertThat(parts.matches()).isTrue();
        assertThat(kafka.path("metadataVersion").asText()).as("metadataVersion of Kafka " + version)
                .matches(Pattern.quote(parts.group(1) + "." + parts.group(2)) + "-IV\\d+");
    }

    /** The schemas in k8s/schemas/ are those of the release k8s/pom.xml names: bumping one alone fails here. */
    @Test
    void theStrimziSchemasAreThoseOfTheReleaseThePomTargets() {
        assertThat(strimziVersion()).isNotBlank();

        assertThat(strimziSchemas().path("strimziVersion").asText()).isEqualTo(strimziVersion());
        assertThat(strimziSchemas().path("kinds").fieldNames()).toIterable().contains("Kafka", "KafkaNodePool",
                "KafkaTopic", "KafkaUser");
    }

    /** v1 is the only version Strimzi 1.0 serves: no manifest stays on v1beta2 and blocks that upgrade. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyStrimziObjectUsesTheV1Api(String overlay) {
        List<ObjectNode> strimzi = Kustomize.overlay(overlay).objects().stream()
                .filter(o -> o.path("apiVersion").asText().startsWith("kafka.strimzi.io/")).toList();

        assertThat(strimzi).extracting(o -> o.path("kind").asText()).contains("Kafka", "KafkaNodePool",
                "KafkaTopic", "KafkaUser");
        assertThat(strimzi).allSatisfy(o -> assertThat(o.path("apiVersion").asText())
                .as(o.path("kind").asText() + "/" + o.at("/metadata/name").asText())
                .isEqualTo(CrdSchemas.STRIMZI_API_VERSION));
    }

    /** KRaft and node pools are Strimzi's only mode: no ZooKeeper, no annotation switching them on. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theClusterCarriesNothingThatKafka4OrStrimzi046Dropped(String overlay) {
        ObjectNode kafka = Kustomize.overlay(overlay).ofKind("Kafka").get(0);

        assertThat(kafka.toString()).doesNotContainIgnoringCase("zookeeper");
        assertThat(kafka.at("/metadata/annotations").has("strimzi.io/kraft")).isFalse();
        assertThat(kafka.at("/metadata/annotations").has("strimzi.io/node-pools")).isFalse();
        assertThat(kafka.at("/spec/kafka/config").fieldNames()).toIterable().doesNotContain(
                "inter.broker.protocol.version", "log.message.format.version", "zookeeper.connect");
    }

    private static JsonNode kafkaSpec(String overlay) {
        List<ObjectNode> clusters = Kustomize.overlay(overlay).ofKind("Kafka");
        assertThat(clusters).hasSize(1);
        return clusters.get(0).at("/spec/kafka");
    }

    private static String localKafkaVersion() throws IOException {
        Matcher pinned = LOCAL_KAFKA.matcher(Files.readString(Kustomize.ROOT.resolve("coprogram")));
        assertThat(pinned.find()).as("KAFKA_VERSION= in ./coprogram").isTrue();
        return pinned.group(1);
    }

    private static String major(String version) {
        Matcher parts = VERSION.matcher(version);
        assertThat(parts.matches()).as(version).isTrue();
        return parts.group(1);
    }

    private static JsonNode strimziSchemas() {
        return CrdSchemas.file(CrdSchemas.STRIMZI_API_VERSION);
    }

    private static String strimziVersion() {
        return System.getProperty("strimzi.version", "");
    }
}
