package org.coprogram.contracts;

import java.util.List;

/**
 * Every Kafka topic. application.properties cannot refer to these constants, so {@code TopicsTest} checks that every
 * {@code mp.messaging.*.topic} there is one of them.
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

    /** The topics partner systems may subscribe to. */
    public static final List<String> PUBLIC = List.of(PLANS, PROPOSALS, SURVEYS, MEETINGS, SYNTHESIS);

    public static final List<String> ALL = List.of(PLANS, PROPOSALS, SURVEYS, SURVEY_RESPONSES, MEETINGS, SYNTHESIS,
            RESTRICTED_SOCIAL_REPORTS);

    private Topics() {
    }
}
