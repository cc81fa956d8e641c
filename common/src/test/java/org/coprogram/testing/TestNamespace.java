package org.coprogram.testing;

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

    /** The realm's base URL at the local Keycloak: {@code …/realms/<realm>}. */
    public static String realmUrl() {
        return KEYCLOAK + "/realms/" + REALM;
    }

    /** The realm's admin API: {@code …/admin/realms/<realm>}. */
    public static String adminUrl() {
        return KEYCLOAK + "/admin/realms/" + REALM;
    }
}
