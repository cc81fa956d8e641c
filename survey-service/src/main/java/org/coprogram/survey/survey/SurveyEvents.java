package org.coprogram.survey.survey;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;

/**
 * Events of surveys, keyed by the survey id: {@code published} and {@code closed} on {@link #TOPIC}, which partners
 * read; {@code response-submitted} on {@link #RESPONSES_TOPIC}, which only synthesis-service reads.
 */
public final class SurveyEvents {

    public static final String TOPIC = Topics.SURVEYS;
    /**
     * Internal: one record per response, with its answers and the respondent's profile, is microdata that a partner
     * could filter down to one person (a rare municipality and category), past the disclosure control of the published
     * results (#24, docs/privacy.md). Partners get aggregates from {@code /api/surveys/{id}/results}.
     */
    public static final String RESPONSES_TOPIC = Topics.SURVEY_RESPONSES;
    public static final String PUBLISHED = EventTypes.SURVEY_PUBLISHED;
    public static final String RESPONSE_SUBMITTED = EventTypes.SURVEY_RESPONSE_SUBMITTED;
    public static final String CLOSED = EventTypes.SURVEY_CLOSED;

    /** Why a survey stopped taking responses. */
    public enum CloseReason {
        BY_HAND, DEADLINE
    }

    public record Closed(UUID surveyId, UUID planId, int version, CloseReason reason, OffsetDateTime closedAt) {
    }

    private SurveyEvents() {
    }
}
