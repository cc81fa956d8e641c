package org.coprogram.contracts;

import java.util.List;

/**
 * Every Kafka topic. application.properties cannot refer to these constants, so {@code TopicsTest} checks that every
 * {@code mp.messaging.*.topic} there is one of them, behind the namespace's prefix ({@link #named}).
 */
public final class Topics {

    public static final String PLANS = "coprogram.plans";
    public static final String PROPOSALS = "coprogram.proposals";
    public static final String SURVEYS = "coprogram.surveys";
    /** Internal: partners never read survey responses (docs/privacy.md). */
    public static final String SURVEY_RESPONSES = "coprogram.survey-responses";
    public static final String MEETINGS = "coprogram.meetings";
    public static final String SYNTHESIS = "coprogram.synthesis";
    /** Social reports not yet published: restricted, never relayed to partners. */
    public static final String RESTRICTED_SOCIAL_REPORTS = "coprogram-restricted.social-reports";
    /** Restricted: events naming a person's account (notifications, follows); only notification-service reads it, never partners. */
    public static final String PERSONAL = "coprogram-restricted.personal";
    /**
     * Restricted: erasure requests (GDPR art. 17, naming the account) and each service's completion; read by every
     * service that holds data about people, never relayed to partners.
     */
    public static final String ERASURE = "coprogram-restricted.erasure";

    /** The topics partner systems may subscribe to. */
    public static final List<String> PUBLIC = List.of(PLANS, PROPOSALS, SURVEYS, MEETINGS, SYNTHESIS);

    public static final List<String> ALL = List.of(PLANS, PROPOSALS, SURVEYS, SURVEY_RESPONSES, MEETINGS, SYNTHESIS,
            RESTRICTED_SOCIAL_REPORTS, PERSONAL, ERASURE);

    /** What a topic's namespace prefix may hold: Kafka's topic characters, so a prefixed name is a topic name. */
    private static final String PREFIX_PATTERN = "[A-Za-z0-9._-]*";

    /**
     * The topic {@code topic} of a deployment whose topics live behind {@code prefix} (config
     * {@code coprogram.topics.prefix}). Production and the demo ({@code ./coprogram up}) have no prefix and use the
     * names above as they are; the test runs have their own ({@code test.} for the services' tests, {@code e2e.} for the
     * platform {@code ./coprogram test} starts), so a test never writes into, or reads from, the demo's topics. Events,
     * the outbox and the partner bridge's API keep the names above: only the Kafka side is prefixed.
     */
    public static String named(String prefix, String topic) {
        if (!prefix.matches(PREFIX_PATTERN)) {
            throw new IllegalArgumentException("Not a topic prefix (" + PREFIX_PATTERN + "): " + prefix);
        }
        return prefix + topic;
    }

    private Topics() {
    }
}
