package org.coprogram.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.coprogram.contracts.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kafka has no anonymous client and no superuser: every listener authenticates, and each workload is a KafkaUser whose
 * ACLs name exactly the topics and consumer groups its code and configuration use (produce, consume, commit), nothing
 * by wildcard, no {@code All}. Partners only read the partner-visible topics.
 */
class KafkaAccessTest {

    private static final Set<String> WORKLOADS = Set.of("gateway", "proposal-service", "survey-service",
            "meeting-service", "synthesis-service", "notification-service");
    private static final Set<String> OPERATIONS = Set.of("Read", "Write", "Describe");

    /**
     * What each workload may do, one entry per operation: "Operation type:patternType:name". Produce = Write (and
     * Describe, for metadata), consume = Read and Describe on the topic and Read on the group (offset commits).
     */
    private static final Map<String, Set<String>> GRANTS = Map.of(
            "proposal-service", grants(List.of("coprogram.proposals", "coprogram-restricted.personal",
                    "coprogram-restricted.erasure"),
                    List.of("coprogram.plans", "coprogram.meetings", "coprogram.synthesis",
                            "coprogram-restricted.erasure"),
                    List.of("proposal-service", "proposal-service-comment-meetings",
                            "proposal-service-comment-reports", "proposal-service-comment-measures",
                            "proposal-service-erasure"),
                    List.of()),
            "survey-service", grants(List.of("coprogram.surveys", "coprogram.survey-responses",
                    "coprogram-restricted.personal", "coprogram-restricted.erasure"),
                    List.of("coprogram.plans", "coprogram-restricted.erasure"),
                    List.of("survey-service", "survey-service-erasure"),
                    List.of()),
            "meeting-service", grants(List.of("coprogram.meetings", "coprogram-restricted.personal",
                    "coprogram-restricted.erasure"),
                    List.of("coprogram.plans", "coprogram-restricted.erasure"),
                    List.of("meeting-service", "meeting-service-erasure"), List.of()),
            "notification-service", grants(List.of("coprogram-restricted.erasure"),
                    List.of("coprogram-restricted.personal", "coprogram.plans", "coprogram.meetings",
                            "coprogram-restricted.erasure"),
                    List.of("notification-service", "notification-service-erasure"),
                    List.of()),
            "synthesis-service", grants(List.of("coprogram.plans", "coprogram.synthesis",
                    "coprogram-restricted.social-reports"),
                    List.of("coprogram.plans", "coprogram.proposals", "coprogram.surveys",
                            "coprogram.survey-responses", "coprogram.meetings", "coprogram.synthesis",
                            "coprogram-restricted.social-reports"),
                    List.of("synthesis-service"), List.of("synthesis-service-rebuild-")),
            "gateway", grants(List.of(), List.of("coprogram.plans", "coprogram.proposals", "coprogram.surveys",
                    "coprogram.meetings", "coprogram.synthesis"), List.of(), List.of("sse-")));

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noSuperUserAndEveryListenerAuthenticates(String overlay) {
        Kustomize.Rendered rendered = Kustomize.overlay(overlay);
        List<ObjectNode> clusters = rendered.ofKind("Kafka");

        assertThat(clusters).hasSize(1);
        JsonNode kafka = clusters.get(0).at("/spec/kafka");
        assertThat(kafka.at("/authorization/type").asText()).isEqualTo("simple");
        assertThat(kafka.at("/authorization/superUsers").isEmpty()).as("superUsers").isTrue();
        assertThat(clusters.get(0).toString()).doesNotContainIgnoringCase("ANONYMOUS");
        assertThat(kafka.at("/config/allow.everyone.if.no.acl.found").asBoolean(false)).isFalse();
        assertThat(kafka.path("listeners")).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.at("/authentication/type").asText()).as(listener.path("name").asText())
                    .isIn("scram-sha-512", "tls");
            assertThat(listener.path("tls").asBoolean()).as(listener.path("name").asText() + " tls").isTrue();
        });
    }

    /** The workloads reach the broker on an authenticating TLS listener, as their own user, checking its certificate. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyWorkloadConnectsWithTlsAsItsOwnKafkaUser(String overlay) {
        Kustomize.Rendered rendered = Kustomize.overlay(overlay);
        String cluster = rendered.ofKind("Kafka").get(0).at("/metadata/name").asText();
        JsonNode common = rendered.ofKind("ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().startsWith("quarkus-common"))
                .findFirst().orElseThrow().path("data");

        String bootstrap = common.path("kafka.bootstrap.servers").asText();
        assertThat(bootstrap).startsWith(cluster + "-kafka-bootstrap:");
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        JsonNode listener = listenerOnPort(rendered, port);
        assertThat(listener.path("type").asText()).isEqualTo("internal");
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
        assertThat(common.path("kafka.security.protocol").asText()).isEqualTo("SASL_SSL");
        assertThat(common.path("kafka.sasl.mechanism").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(common.path("kafka.ssl.truststore.type").asText()).isEqualTo("PEM");
        String truststore = common.path("kafka.ssl.truststore.location").asText();

        assertThat(rendered.ofKind("NetworkPolicy")).anySatisfy(policy -> assertThat(policy.at("/spec/egress")
                .toString()).contains("\"strimzi.io/cluster\":\"" + cluster + "\"").contains("\"port\":" + port));

        List<ObjectNode> deployments = rendered.ofKind("Deployment");
        assertThat(deployments.stream().map(KafkaAccessTest::name).collect(Collectors.toSet())).isEqualTo(WORKLOADS);
        for (ObjectNode deployment : deployments) {
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            List<JsonNode> jaas = stream(container.path("env"))
                    .filter(e -> e.path("name").asText().equals("kafka.sasl.jaas.config")).toList();
            assertThat(jaas).as(name(deployment)).singleElement().satisfies(e -> {
                assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(name(deployment));
                assertThat(e.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("sasl.jaas.config");
            });
            assertThat(rendered.named("KafkaUser", name(deployment)).at("/spec/authentication/type").asText())
                    .isEqualTo("scram-sha-512");

            JsonNode mount = stream(container.path("volumeMounts"))
                    .filter(m -> truststore.startsWith(m.path("mountPath").asText() + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError(name(deployment) + " mounts no " + truststore));
            JsonNode volume = stream(pod.path("volumes"))
                    .filter(v -> v.path("name").asText().equals(mount.path("name").asText()))
                    .findFirst().orElseThrow();
            assertThat(volume.at("/secret/secretName").asText()).isEqualTo(cluster + "-cluster-ca-cert");
            assertThat(stream(volume.at("/secret/items"))
                    .map(i -> mount.path("mountPath").asText() + "/" + i.path("path").asText()).toList())
                    .contains(truststore);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachWorkloadsUserHasExactlyItsGrants(String overlay) {
        Kustomize.Rendered rendered = Kustomize.overlay(overlay);

        for (String workload : WORKLOADS) {
            ObjectNode user = rendered.named("KafkaUser", workload);
            assertThat(user.at("/spec/authorization/type").asText()).as(workload).isEqualTo("simple");
            assertThat(new TreeSet<>(grants(user))).as(workload).isEqualTo(new TreeSet<>(GRANTS.get(workload)));
        }
    }

    /** Least privilege in kind: no wildcard resource, no {@code All}, no cluster or transactional-id rights. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noUserHasAWildcardOrAllOrClusterWideAcl(String overlay) {
        List<ObjectNode> users = Kustomize.overlay(overlay).ofKind("KafkaUser");

        assertThat(users).isNotEmpty();
        for (ObjectNode user : users) {
            JsonNode acls = user.at("/spec/authorization/acls");
            assertThat(acls).as(name(user)).isNotEmpty();
            for (JsonNode acl : acls) {
                String where = name(user) + " " + acl;
                JsonNode resource = acl.path("resource");
                assertThat(resource.path("type").asText()).as(where).isIn("topic", "group");
                assertThat(resource.path("name").asText()).as(where).isNotBlank().doesNotContain("*");
                assertThat(acl.path("type").asText("allow")).as(where).isEqualTo("allow");
                assertThat(acl.has("operation")).as(where + ": use operations").isFalse();
                assertThat(acl.path("operations")).as(where).isNotEmpty()
                        .allSatisfy(o -> assertThat(o.asText()).isIn(OPERATIONS));
                if (resource.path("type").asText().equals("topic")) {
                    assertThat(resource.path("patternType").asText("literal")).as(where + ": topics by name")
                            .isEqualTo("literal");
                }
            }
        }
    }

    /**
     * The table above against the code: each workload can consume what its configuration subscribes to and commit as
     * its configured groups, and its ACLs name only topics its sources name, and every topic its sources name.
     */
    @Test
    void theGrantsAreTheTopicsAndGroupsTheCodeUses() throws IOException {
        Set<String> topics = topics();

        for (String workload : WORKLOADS) {
            Set<String> grants = GRANTS.get(workload);
            Properties properties = properties(workload);
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key);
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                    assertThat(grants).as(workload + " consumes " + value)
                            .contains("Read topic:literal:" + value, "Describe topic:literal:" + value);
                }
                if (key.matches("mp\\.messaging\\.(incoming\\.[^.]+|connector\\.smallrye-kafka)\\.group\\.id")) {
                    assertThat(grants).as(workload + " commits as " + value).contains("Read group:literal:" + value);
                }
            }

            String sources = sources(workload);
            Set<String> named = topicsNamedIn(sources);
            assertThat(topics).as("topics the cluster and the local broker create").containsAll(named);
            properties.values().stream().map(Object::toString).filter(topics::contains).forEach(named::add);
            Set<String> granted = grants.stream().filter(g -> g.contains(" topic:"))
                    .map(g -> g.substring(g.lastIndexOf(':') + 1)).collect(Collectors.toSet());
            assertThat(granted).as(workload + ": the topics its code names").isEqualTo(named);

            String service = properties.getProperty("coprogram.service", workload);
            grants.stream().filter(g -> g.contains(" group:prefix:")).map(g -> g.substring(g.lastIndexOf(':') + 1))
                    .forEach(prefix -> assertThat(sources.contains("\"" + prefix + "\"")
                            || prefix.startsWith(service)
                                    && sources.contains("\"" + prefix.substring(service.length()) + "\""))
                            .as(workload + " makes groups named " + prefix + "…").isTrue());
        }
    }

    /** A cluster uses the contract's topic names: the prefixes are the test runs' namespaces (docs/architecture.md). */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aClusterSetsNoTopicPrefix(String overlay) {
        assertThat(Kustomize.overlay(overlay).objects()).isNotEmpty().allSatisfy(object -> assertThat(object.toString())
                .doesNotContain("COPROGRAM_TOPICS_PREFIX").doesNotContain("coprogram.topics.prefix"));
    }

    /**
     * A partner reads, and only the topics the gateway relays to partners (PartnerEventStream.PUBLIC_TOPICS); its
     * groups start with its own name. The gateway's bridge reads no other topic either.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void partnersOnlyReadThePartnerVisibleTopics(String overlay) throws IOException {
        Set<String> visible = partnerVisibleTopics();
        List<ObjectNode> partners = Kustomize.overlay(overlay).ofKind("KafkaUser").stream()
                .filter(u -> !WORKLOADS.contains(name(u))).toList();

        assertThat(partners).isNotEmpty();
        for (ObjectNode partner : partners) {
            assertThat(partner.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(partner.at("/spec/authorization/type").asText()).isEqualTo("simple");
            for (String grant : grants(partner)) {
                String operation = grant.substring(0, grant.indexOf(' '));
                String name = grant.substring(grant.lastIndexOf(':') + 1);
                if (grant.contains(" topic:")) {
                    assertThat(operation).as(name(partner) + " " + grant).isIn("Read", "Describe");
                    assertThat(visible).as(name(partner) + " " + grant).contains(name);
                } else {
                    assertThat(operation).as(name(partner) + " " + grant).isEqualTo("Read");
                    // the user's name and a separator: a bare name prefix would also match a longer partner's name
                    assertThat(grant).as(name(partner) + " " + grant).contains(" group:prefix:");
                    assertThat(name).as(name(partner) + " " + grant).isEqualTo(name(partner) + "-");
                }
            }
        }
        GRANTS.get("gateway").stream().filter(g -> g.contains(" topic:"))
                .forEach(g -> assertThat(visible).contains(g.substring(g.lastIndexOf(':') + 1)));
    }

    /**
     * A restricted topic (docs/access-policy.md, "Restricted data") is read by exactly one workload, and granted to no
     * partner, nor to the gateway's bridge: the social reports' submissions by synthesis-service (which alone writes
     * them too); the personal events, which name people's accounts, by notification-service, written by the services
     * where people act (survey-service: a questionnaire closing soon). The erasure topic (requests naming an account, and completions) is the one restricted topic
     * with several readers: exactly the services that hold data about people, each of which also writes its completion.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void restrictedTopicsAreReadByTheirOneReaderOnly(String overlay) throws IOException {
        Set<String> holdersOfPersonalData = Set.of("proposal-service", "survey-service", "meeting-service",
                "notification-service");
        Map<String, Set<String>> reader = Map.of("coprogram-restricted.social-reports", Set.of("synthesis-service"),
                "coprogram-restricted.personal", Set.of("notification-service"),
                "coprogram-restricted.erasure", holdersOfPersonalData);
        Map<String, Set<String>> writers = Map.of("coprogram-restricted.social-reports", Set.of("synthesis-service"),
                "coprogram-restricted.personal",
                Set.of("proposal-service", "meeting-service", "survey-service"),
                "coprogram-restricted.erasure", holdersOfPersonalData);
        List<ObjectNode> users = Kustomize.overlay(overlay).ofKind("KafkaUser");
        for (Map.Entry<String, Set<String>> topic : reader.entrySet()) {
            for (String workload : topic.getValue()) {
                assertThat(users.stream().filter(u -> name(u).equals(workload)).flatMap(u -> grants(u).stream()))
                        .as(workload).contains("Read topic:literal:" + topic.getKey());
            }
        }
        for (ObjectNode user : users) {
            for (String grant : grants(user)) {
                String topic = grant.substring(grant.lastIndexOf(':') + 1);
                if (!grant.contains(" topic:") || !topic.contains("restricted")) {
                    continue;
                }
                assertThat(reader).as(grant).containsKey(topic);
                if (grant.startsWith("Read ")) {
                    assertThat(reader.get(topic)).as(name(user) + " " + grant).contains(name(user));
                } else if (grant.startsWith("Write ")) {
                    assertThat(writers.get(topic)).as(name(user) + " " + grant).contains(name(user));
                } else {
                    assertThat(writers.get(topic).contains(name(user)) || reader.get(topic).contains(name(user)))
                            .as(name(user) + " " + grant).isTrue();
                }
            }
        }
        assertThat(partnerVisibleTopics()).noneMatch(topic -> topic.contains("restricted"));
    }

    /**
     * Survey responses (answers with the respondent's profile, one record per person) are written by survey-service
     * and read by synthesis-service only: no other workload, no partner, not the gateway's partner bridge
     * (docs/privacy.md).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void surveyResponsesAreWrittenBySurveyServiceAndReadBySynthesisServiceOnly(String overlay) throws IOException {
        String topic = "coprogram.survey-responses";
        Map<String, Set<String>> granted = new TreeMap<>();
        for (ObjectNode user : Kustomize.overlay(overlay).ofKind("KafkaUser")) {
            Set<String> onTopic = grants(user).stream().filter(g -> g.endsWith(" topic:literal:" + topic))
                    .map(g -> g.substring(0, g.indexOf(' '))).collect(Collectors.toCollection(TreeSet::new));
            if (!onTopic.isEmpty()) {
                granted.put(name(user), onTopic);
            }
        }

        assertThat(granted).isEqualTo(Map.of("survey-service", Set.of("Write", "Describe"), "synthesis-service",
                Set.of("Read", "Describe")));
        assertThat(partnerVisibleTopics()).doesNotContain(topic);
    }

    private static Set<String> grants(List<String> writes, List<String> reads, List<String> groups,
            List<String> groupPrefixes) {
        Set<String> grants = new HashSet<>();
        writes.forEach(t -> grants.addAll(Set.of("Write topic:literal:" + t, "Describe topic:literal:" + t)));
        reads.forEach(t -> grants.addAll(Set.of("Read topic:literal:" + t, "Describe topic:literal:" + t)));
        groups.forEach(g -> grants.add("Read group:literal:" + g));
        groupPrefixes.forEach(g -> grants.add("Read group:prefix:" + g));
        return Set.copyOf(grants);
    }

    /** One entry per operation of each ACL of a rendered KafkaUser. */
    private static Set<String> grants(JsonNode user) {
        Set<String> grants = new HashSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            JsonNode resource = acl.path("resource");
            String target = resource.path("type").asText() + ":" + resource.path("patternType").asText("literal") + ":"
                    + resource.path("name").asText();
            acl.path("operations").forEach(o -> grants.add(o.asText() + " " + target));
        }
        return grants;
    }

    private static JsonNode listenerOnPort(Kustomize.Rendered rendered, int port) {
        return stream(rendered.ofKind("Kafka").get(0).at("/spec/kafka/listeners"))
                .filter(l -> l.path("port").asInt() == port)
                .findFirst().orElseThrow(() -> new AssertionError("no listener on port " + port));
    }

    /** The cluster's topics and the local ones. */
    private static Set<String> topics() throws IOException {
        Set<String> topics = Kustomize.overlay("prod").ofKind("KafkaTopic").stream().map(KafkaAccessTest::name)
                .collect(Collectors.toCollection(HashSet::new));
        Files.readAllLines(Kustomize.ROOT.resolve("infra/topics.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> topics.add(l.trim().split("\\s+")[0]));
        return topics;
    }

    /** The bridge relays {@code Topics.PUBLIC}, the contracts' list of what partners may read, and nothing else. */
    private static Set<String> partnerVisibleTopics() throws IOException {
        Path stream = Kustomize.ROOT
                .resolve("partner-bridge/src/main/java/org/coprogram/bridge/PartnerEventStream.java");
        assertThat(Files.readString(stream)).as("PUBLIC_TOPICS in " + stream)
                .containsPattern("PUBLIC_TOPICS\\s*=\\s*Topics\\.PUBLIC;");
        return Set.copyOf(Topics.PUBLIC);
    }

    /**
     * The topics a workload's code names: a topic is named through the contracts ({@code Topics.PLANS}, or a list of
     * them such as {@code Topics.PUBLIC}); a literal topic name would break the contracts' own NoCopiesTest.
     */
    static Set<String> topicsNamedIn(String sources) {
        Set<String> named = new HashSet<>();
        for (Field field : Topics.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())
                    || !Pattern.compile("\\bTopics\\." + field.getName() + "\\b").matcher(sources).find()) {
                continue;
            }
            try {
                Object value = field.get(null);
                if (value instanceof String topic) {
                    named.add(topic);
                } else if (value instanceof List<?> list) {
                    list.forEach(topic -> named.add((String) topic));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        // common's PersonalOutbox writes its events to the restricted personal topic for the service that uses it.
        if (Pattern.compile("\\bPersonalOutbox\\b").matcher(sources).find()) {
            named.add(Topics.PERSONAL);
        }
        return named;
    }

    /**
     * The main Java sources of a workload and of the libraries only it runs (the gateway serves the partner bridge;
     * common names no topic: the outbox rows carry theirs).
     */
    private static String sources(String workload) throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> modules = workload.equals("gateway") ? List.of(workload, "partner-bridge") : List.of(workload);
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(Kustomize.ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    text.append(Files.readString(file)).append('\n');
                }
            }
        }
        return text.toString();
    }

    private static Properties properties(String workload) throws IOException {
        return ClusterConfig.of(workload);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }
}
