package org.coprogram.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ManifestInvariantsTest {

    private static final Set<String> AUTOSCALED = Set.of("gateway", "proposal-service", "survey-service");
    /**
     * Kafka client settings, named as the Kafka client's own properties under the {@code kafka.} prefix that the
     * workloads' Kafka configuration takes (SmallRye Kafka passes every {@code kafka.*} property to its channels): how
     * each workload authenticates as its KafkaUser (KafkaAccessTest).
     */
    private static final Set<String> KAFKA_CLIENT_PROPERTIES = Set.of("kafka.security.protocol",
            "kafka.sasl.mechanism", "kafka.sasl.jaas.config", "kafka.ssl.truststore.type",
            "kafka.ssl.truststore.location");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasThreeProbesResourcesAndRunsNonRootReadOnly(String overlay) {
        List<ObjectNode> deployments = Kustomize.overlay(overlay).ofKind("Deployment");

        assertThat(deployments).hasSize(6);
        for (ObjectNode deployment : deployments) {
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name(deployment)).isTrue();
            for (JsonNode container : pod.path("containers")) {
                String where = name(deployment) + " container " + container.path("name").asText();
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(where + " " + probe)
                            .startsWith("/q/health/");
                }
                for (String bound : List.of("requests", "limits")) {
                    assertThat(container.at("/resources/" + bound + "/cpu").asText()).as(where + " cpu " + bound)
                            .isNotEmpty();
                    assertThat(container.at("/resources/" + bound + "/memory").asText()).as(where + " memory " + bound)
                            .isNotEmpty();
                }
                assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(where).isTrue();
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(where)
                        .isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyWorkloadHasANetworkPolicyAndOnlyTheGatewayIsReachableFromTheIngress(String overlay) {
        Kustomize.Rendered rendered = Kustomize.overlay(overlay);
        List<ObjectNode> policies = rendered.ofKind("NetworkPolicy");

        assertThat(policies).anySatisfy(p -> {
            assertThat(p.at("/spec/podSelector").isEmpty()).isTrue();
            assertThat(p.at("/spec/policyTypes").toString()).contains("Ingress");
            assertThat(p.at("/spec/ingress").isMissingNode()).isTrue();
        });
        for (ObjectNode deployment : rendered.ofKind("Deployment")) {
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            List<JsonNode> ingress = policies.stream()
                    .filter(p -> p.at("/spec/policyTypes").toString().contains("Ingress"))
                    .filter(p -> selects(p.at("/spec/podSelector"), podLabels))
                    .flatMap(p -> StreamSupport.stream(p.at("/spec/ingress").spliterator(), false))
                    .toList();
            assertThat(ingress).as(name(deployment) + " has an ingress NetworkPolicy").isNotEmpty();
            Set<String> sources = ingress.stream()
                    .flatMap(rule -> StreamSupport.stream(rule.path("from").spliterator(), false))
                    .map(JsonNode::toString)
                    .collect(Collectors.toSet());
            if (name(deployment).equals("gateway")) {
                assertThat(sources).anySatisfy(s -> assertThat(s).contains("ingress-nginx"));
            } else {
                assertThat(sources).as(name(deployment) + " is reached from the gateway and metrics only")
                        .allSatisfy(s -> assertThat(s).containsAnyOf("\"app.kubernetes.io/name\":\"gateway\"",
                                "\"kubernetes.io/metadata.name\":\"monitoring\""));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEgressRuleOfTheApplicationPodsNamesWhereItGoes(String overlay) {
        List<ObjectNode> egress = Kustomize.overlay(overlay).ofKind("NetworkPolicy").stream()
                .filter(p -> p.at("/spec/policyTypes").toString().contains("Egress"))
                .toList();

        assertThat(egress).isNotEmpty();
        for (ObjectNode policy : egress) {
            for (JsonNode rule : policy.at("/spec/egress")) {
                assertThat(rule.path("to").size()).as(name(policy) + ": an egress rule without a destination opens its"
                        + " ports to every address").isPositive();
                for (JsonNode peer : rule.path("to")) {
                    if (peer.has("ipBlock")) {
                        int prefix = Integer.parseInt(peer.at("/ipBlock/cidr").asText().replaceAll(".*/", ""));
                        assertThat(prefix).as(name(policy) + " opens a wide address block").isGreaterThanOrEqualTo(24);
                    }
                }
            }
        }
    }

    @Test
    void prodAutoscalesThePublicFacingServicesAndBudgetsDisruptions() {
        Kustomize.Rendered prod = Kustomize.overlay("prod");
        Set<String> deployments = prod.ofKind("Deployment").stream().map(ManifestInvariantsTest::name)
                .collect(Collectors.toSet());

        Map<String, JsonNode> hpas = prod.ofKind("HorizontalPodAutoscaler").stream()
                .collect(Collectors.toMap(h -> h.at("/spec/scaleTargetRef/name").asText(), h -> h.path("spec")));
        assertThat(hpas.keySet()).isEqualTo(AUTOSCALED);
        assertThat(deployments).containsAll(hpas.keySet());
        hpas.values().forEach(h -> assertThat(h.path("minReplicas").asInt()).isGreaterThanOrEqualTo(2));

        Set<String> budgeted = prod.ofKind("PodDisruptionBudget").stream()
                .map(p -> p.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())
                .collect(Collectors.toSet());
        assertThat(budgeted).isEqualTo(deployments);
        for (ObjectNode deployment : prod.ofKind("Deployment")) {
            assertThat(deployment.at("/spec/replicas").asInt()).as(name(deployment)).isGreaterThanOrEqualTo(2);
            assertThat(deployment.at("/spec/template/spec/affinity/podAntiAffinity").isMissingNode())
                    .as(name(deployment))
                    .isFalse();
        }
    }

    /** A replica beyond a topic's partition count would sit idle in its consumer group. */
    @Test
    void everyTopicAnAutoscaledServiceConsumesHasAPartitionPerReplica() throws IOException {
        Kustomize.Rendered prod = Kustomize.overlay("prod");
        Map<String, Integer> partitions = prod.ofKind("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.at("/metadata/name").asText(), t -> t.at("/spec/partitions").asInt()));

        for (ObjectNode hpa : prod.ofKind("HorizontalPodAutoscaler")) {
            String service = hpa.at("/spec/scaleTargetRef/name").asText();
            int maxReplicas = hpa.at("/spec/maxReplicas").asInt();
            for (String topic : consumedTopics(service)) {
                assertThat(partitions.get(topic)).as(service + " consumes " + topic)
                        .isGreaterThanOrEqualTo(maxReplicas);
            }
        }
    }

    @Test
    void theClusterHasTheLocalTopicsWithAtLeastTheirLocalPartitions() throws IOException {
        Map<String, Integer> local = Files.readAllLines(Kustomize.ROOT.resolve("infra/topics.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.trim().split("\\s+"))
                .collect(Collectors.toMap(p -> p[0], p -> Integer.parseInt(p[1])));

        Map<String, Integer> cluster = Kustomize.overlay("prod").ofKind("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.at("/metadata/name").asText(), t -> t.at("/spec/partitions").asInt()));

        assertThat(cluster.keySet()).isEqualTo(local.keySet());
        local.forEach((topic, count) -> assertThat(cluster.get(topic)).as(topic).isGreaterThanOrEqualTo(count));
    }

    /** ConfigMap keys are property names; a misspelled one would be ignored silently by the service. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyConfiguredPropertyIsOneTheServiceReads(String overlay) throws IOException {
        Kustomize.Rendered rendered = Kustomize.overlay(overlay);
        for (ObjectNode deployment : rendered.ofKind("Deployment")) {
            Set<String> known = knownProperties(name(deployment));
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            for (JsonNode source : container.path("envFrom")) {
                String configMap = source.at("/configMapRef/name").asText();
                rendered.named("ConfigMap", configMap).path("data").fieldNames().forEachRemaining(key -> assertThat(
                        key.startsWith("quarkus.") || known.contains(key)).as(name(deployment) + " reads " + key)
                        .isTrue());
            }
            for (JsonNode variable : container.path("env")) {
                String key = variable.path("name").asText();
                assertThat(key.startsWith("quarkus.") || known.contains(key)).as(name(deployment) + " reads " + key)
                        .isTrue();
            }
        }
    }

    /**
     * The Secrets Strimzi makes itself are the only ones neither committed nor generated: one per KafkaUser (its
     * password and JAAS line) and the cluster CA certificate.
     */
    @Test
    void prodCommitsNoSecretAndDevGeneratesEverySecretTheWorkloadsReference() {
        assertThat(Kustomize.overlay("prod").ofKind("Secret")).isEmpty();

        Kustomize.Rendered dev = Kustomize.overlay("dev");
        Set<String> referenced = new HashSet<>();
        for (ObjectNode deployment : dev.ofKind("Deployment")) {
            deployment.at("/spec/template/spec/containers/0/env")
                    .forEach(e -> referenced.add(e.at("/valueFrom/secretKeyRef/name").asText()));
            deployment.at("/spec/template/spec/volumes")
                    .forEach(v -> referenced.add(v.at("/secret/secretName").asText()));
        }
        referenced.remove("");
        Set<String> byStrimzi = dev.ofKind("KafkaUser").stream().map(ManifestInvariantsTest::name)
                .collect(Collectors.toCollection(HashSet::new));
        dev.ofKind("Kafka").forEach(k -> byStrimzi.add(name(k) + "-cluster-ca-cert"));
        referenced.removeAll(byStrimzi);
        Set<String> generated = dev.ofKind("Secret").stream().map(ManifestInvariantsTest::name)
                .collect(Collectors.toSet());
        assertThat(generated).containsAll(referenced);
        assertThat(generated).doesNotContainAnyElementsOf(byStrimzi);
        dev.ofKind("Secret").forEach(s -> s.path("data").forEach(v -> assertThat(v.asText()).isNotEmpty()));
    }

    private static boolean selects(JsonNode podSelector, JsonNode labels) {
        JsonNode matchLabels = podSelector.path("matchLabels");
        if (matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            return false;
        }
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) matchLabels::fields) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> consumedTopics(String service) throws IOException {
        return ClusterConfig.of(service).entrySet().stream()
                .filter(e -> e.getKey().toString().matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))
                .map(e -> e.getValue().toString())
                .collect(Collectors.toSet());
    }

    private static Set<String> knownProperties(String service) throws IOException {
        Set<String> known = new HashSet<>();
        known.addAll(properties(Kustomize.ROOT.resolve(service).resolve("src/main/resources/application.properties"))
                .stringPropertyNames());
        known.addAll(
                properties(Kustomize.ROOT.resolve("common/src/main/resources/META-INF/microprofile-config.properties"))
                        .stringPropertyNames());
        known.addAll(
                properties(
                        Kustomize.ROOT.resolve("telemetry/src/main/resources/META-INF/microprofile-config.properties"))
                        .stringPropertyNames());
        known.addAll(KAFKA_CLIENT_PROPERTIES);
        return known;
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }
}
