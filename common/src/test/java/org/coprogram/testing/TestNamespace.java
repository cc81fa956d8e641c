package org.coprogram.testing;

import java.util.List;
import java.util.stream.Stream;

import org.coprogram.contracts.Topics;

/**
 * The namespace a test run works in, never the demo's (docs/architecture.md, "Tests never change the demo"): its
 * Keycloak realm and the prefix of its topics. The services' tests run in their {@code %test} profile's namespace
 * (common's microprofile-config.properties; {@code TestNamespaceTest} keeps it equal to the defaults here); the e2e
 * tests in the namespace of the platform {@code ./coprogram test} starts, which the e2e module's build passes as the
 * system properties {@code coprogram.realm} and {@code coprogram.topics.prefix}.
 */
public final class TestNamespace {

    static final String SERVICE_TESTS_REALM = "coprogram-test";
    /** The services' own tests' topic prefix, whichever run this is. */
    public static final String SERVICE_TESTS_TOPIC_PREFIX = "test.";
    /**
     * The modules whose tests use Kafka. Maven runs each module's tests behind a prefix of its own,
     * {@code test.<artifactId>.} (the root pom's {@code test.topics.prefix}, passed as {@code coprogram.topics.prefix}),
     * so that the two modules {@code ./coprogram test} runs at a time never see each other's events; the script makes
     * their topics (its {@code SERVICE_TESTS_MODULES}, kept equal to this list by {@code TestNamespaceTest}).
     */
    public static final List<String> SERVICE_TESTS_MODULES = List.of("coprogram-common", "synthesis-service",
            "proposal-service", "survey-service", "meeting-service", "notification-service", "partner-bridge",
            "gateway");

    public static final String KEYCLOAK = System.getProperty("coprogram.keycloak", "http://127.0.0.1:8180");
    public static final String REALM = System.getProperty("coprogram.realm", SERVICE_TESTS_REALM);
    public static final String TOPIC_PREFIX = System.getProperty("coprogram.topics.prefix",
            SERVICE_TESTS_TOPIC_PREFIX);

    private TestNamespace() {
    }

    /**
     * The Kafka name of a contract topic in this run's namespace, as the services under test name it; a topic outside
     * the contract (a test's own, such as meeting-service's poison probe) is already the tests' alone and stays as it is.
     */
    public static String topic(String topic) {
        return Topics.ALL.contains(topic) ? Topics.named(TOPIC_PREFIX, topic) : topic;
    }

    /** Every prefix the services' own tests publish behind: each module's, and {@code test.} (a run outside Maven). */
    public static List<String> serviceTestsTopicPrefixes() {
        return Stream.concat(Stream.of(SERVICE_TESTS_TOPIC_PREFIX),
                SERVICE_TESTS_MODULES.stream().map(module -> SERVICE_TESTS_TOPIC_PREFIX + module + ".")).toList();
    }

    /** The realm's base URL at the local Keycloak: {@code …/realms/<realm>}. */
    public static String realmUrl() {
        return KEYCLOAK + "/realms/" + REALM;
    }

    /** The realm's admin API: {@code …/admin/realms/<realm>}. */
    public static String adminUrl() {
        return KEYCLOAK + "/admin/realms/" + REALM;
    }
}
