package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.coprogram.contracts.Topics;
import org.coprogram.e2e.events.EventContract;
import org.coprogram.e2e.partner.ExamplePartnerConsumer;
import org.coprogram.testing.TestNamespace;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/**
 * The contract of the event stream, over every event on every public topic, and on the internal
 * coprogram.survey-responses, in the tests' namespaces (never the demo's topics): whatever the services emitted until
 * now (the modules' tests, behind their prefix; the end-to-end tests that ran before this one, in any order, behind
 * the test platform's) and a consultation this class creates first, so that the kinds of events it needs are there
 * whatever ran before. Each record is decoded with the CloudEvents SDK's Kafka binding, as a partner would, checked
 * against its type's JSON Schema (docs/events/schemas), and scanned for directly identifying data.
 */
@Tag("e2e")
class EventContractE2ETest {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Internal topics whose events honour the catalogue too; partners cannot read them (docs/privacy.md). */
    private static final List<String> INTERNAL_TOPICS = List.of("coprogram.survey-responses");
    private static final String RESPONSE_SUBMITTED = "org.coprogram.survey.response-submitted.v1";
    /** The public topics as the platform under test has them, in its namespace. */
    private static final List<String> PARTNER_TOPICS = ExamplePartnerConsumer.PUBLIC_TOPICS.stream()
            .map(TestNamespace::topic).toList();
    /** Each Kafka topic read, in the platform's and the modules' tests' namespaces, and its contract name. */
    private static final Map<String, String> CONTRACT_TOPICS = contractTopics();

    @BeforeAll
    static void aConsultationOfItsOwn() throws Exception {
        Consultation.create(Tokens.of("regione"), Tokens.of("cittadino"), Tokens.of("ambito"), 30);
    }

    @Test
    void everyEventIsACloudEventWhoseDataMatchesTheSchemaOfItsType() {
        List<ConsumerRecord<String, byte[]>> records = allRecords();
        Map<String, Integer> perType = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        try (CloudEventDeserializer binding = new CloudEventDeserializer()) {
            for (ConsumerRecord<String, byte[]> record : records) {
                CloudEvent event = binding.deserialize(record.topic(), record.headers(), record.value());
                if (EventContract.isTestFixture(event) || legacyResponse(record.topic(), event.getType())) {
                    continue;
                }
                perType.merge(event.getType(), 1, Integer::sum);
                EventContract.violations(CONTRACT_TOPICS.get(record.topic()), record.key(), event)
                        .forEach(v -> violations.add(record.topic() + "@" + record.offset() + " " + event.getType()
                                + ": " + v));
            }
        }

        assertThat(perType.values().stream().mapToInt(Integer::intValue).sum()).as("events the services emitted")
                .isGreaterThan(100);
        assertThat(perType.keySet()).as("event types emitted during the run: " + perType).hasSizeGreaterThan(20);
        assertThat(violations).as("contract violations").isEmpty();
    }

    @Test
    void noEventCarriesAnEmailAUserNameOrAnAccountIdOfAnyAccount() throws Exception {
        Map<String, String> accounts = realmAccounts();
        List<String> texts = new ArrayList<>();
        List<Set<String>> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : allRecords()) {
            StringBuilder text = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                text.append('\n').append(header.key()).append('=')
                        .append(new String(header.value(), StandardCharsets.UTF_8));
            }
            texts.add(text.toString());
            Set<String> strings = new HashSet<>();
            collectStrings(JSON.readTree(record.value()), strings);
            values.add(strings);
        }

        assertThat(accounts).as("accounts of the realm, demo and test users").hasSizeGreaterThan(100);
        assertThat(texts).noneMatch(text -> EMAIL.matcher(text).find());
        for (String accountId : accounts.keySet()) {
            assertThat(texts).as("account id " + accountId).noneMatch(text -> text.contains(accountId));
        }
        // User names like "regione" are Italian words that free text may contain: a value may not be one.
        for (String userName : accounts.values()) {
            assertThat(values).as("user name " + userName).noneMatch(strings -> strings.contains(userName));
        }
    }

    @Test
    void theExamplePartnerConsumerFollowsTheEventsTheServicesProducedAndResumesWhereItCommitted() {
        String group = "partner-example-test-" + UUID.randomUUID();
        Set<String> types = new HashSet<>();
        List<CloudEvent> first = new ArrayList<>();
        try (ExamplePartnerConsumer partner = new ExamplePartnerConsumer(TopicReader.BOOTSTRAP, group,
                new Properties(), PARTNER_TOPICS)) {
            await("the partner sees every kind of event").atMost(Duration.ofSeconds(60)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        first.addAll(partner.poll(Duration.ofSeconds(1), event -> types.add(event.getType())));
                        return types.containsAll(Set.of("org.coprogram.plan.created.v1",
                                "org.coprogram.proposal.submitted.v1", "org.coprogram.survey.published.v1",
                                "org.coprogram.meeting.scheduled.v1"));
                    });
        }
        assertThat(types).contains("org.coprogram.plan.created.v1", "org.coprogram.proposal.submitted.v1",
                "org.coprogram.survey.published.v1", "org.coprogram.meeting.scheduled.v1");
        assertThat(first).extracting(CloudEvent::getId).doesNotHaveDuplicates();

        Set<String> seen = new HashSet<>(first.stream().map(CloudEvent::getId).toList());
        List<CloudEvent> resumed = new ArrayList<>();
        try (ExamplePartnerConsumer again = new ExamplePartnerConsumer(TopicReader.BOOTSTRAP, group,
                new Properties(), PARTNER_TOPICS)) {
            for (int i = 0; i < 3; i++) {
                resumed.addAll(again.poll(Duration.ofSeconds(1), event -> {
                }));
            }
        }
        assertThat(resumed).as("the group resumes after its committed offsets")
                .noneMatch(event -> seen.contains(event.getId()));
    }

    private static List<ConsumerRecord<String, byte[]>> allRecords() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.BOOTSTRAP);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = CONTRACT_TOPICS.keySet().stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await("every record up to the end offsets read").atMost(Duration.ofSeconds(120)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
        }
        return records;
    }

    /**
     * A response event on coprogram.surveys: written there before responses moved to coprogram.survey-responses, and
     * kept, since the topic keeps its records; the gateway's partner stream does not relay them. New ones are not
     * written there (survey-service's ExactlyOnceResponseTest, RetriedWritesE2ETest).
     */
    private static boolean legacyResponse(String topic, String type) {
        return CONTRACT_TOPICS.get(topic).equals("coprogram.surveys") && type.equals(RESPONSE_SUBMITTED);
    }

    private static Map<String, String> contractTopics() {
        Map<String, String> topics = new TreeMap<>();
        Stream.concat(Stream.of(TestNamespace.TOPIC_PREFIX), TestNamespace.serviceTestsTopicPrefixes().stream())
                .distinct()
                .forEach(
                        prefix -> Stream.concat(ExamplePartnerConsumer.PUBLIC_TOPICS.stream(), INTERNAL_TOPICS.stream())
                                .forEach(topic -> topics.put(Topics.named(prefix, topic), topic)));
        return topics;
    }

    /** Account id → user name of every account in the tests' realm (admin API; the local demo admin). */
    private static Map<String, String> realmAccounts() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(
                TestNamespace.KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin"
                        + "&password=admin"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        JsonNode users = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(
                TestNamespace.adminUrl() + "/users?briefRepresentation=true&max=100000"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<String, String> accounts = new TreeMap<>();
        users.forEach(user -> accounts.put(user.path("id").asText(), user.path("username").asText()));
        return accounts;
    }

    private static void collectStrings(JsonNode node, Set<String> strings) {
        if (node.isTextual()) {
            strings.add(node.asText());
        }
        node.forEach(child -> collectStrings(child, strings));
    }
}
