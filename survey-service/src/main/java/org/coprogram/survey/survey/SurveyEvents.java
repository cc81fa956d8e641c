package org.coprogram.survey.survey;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Events of surveys and their responses on {@code coprogram.surveys}, keyed by the survey id. */
public final class SurveyEvents {

    public static final String TOPIC = "coprogram.surveys";
    public static final String PUBLISHED = "org.coprogram.survey.published.v1";
    public static final String RESPONSE_SUBMITTED = "org.coprogram.survey.response-submitted.v1";
    public static final String CLOSED = "org.coprogram.survey.closed.v1";

    /** Why a survey stopped taking responses. */
    public enum CloseReason {
        BY_HAND, DEADLINE
    }

    public record Closed(UUID surveyId, UUID planId, int version, CloseReason reason, OffsetDateTime closedAt) {
    }

    private SurveyEvents() {
    }
}
