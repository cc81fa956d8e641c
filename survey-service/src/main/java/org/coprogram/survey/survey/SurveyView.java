package org.coprogram.survey.survey;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A survey as the API and {@code survey.published.v1} show it. */
public record SurveyView(UUID id, UUID planId, String title, String description, boolean anonymous,
        SurveyStatus status, int version, List<Question> questions, OffsetDateTime closesAt, OffsetDateTime createdAt,
        OffsetDateTime publishedAt, OffsetDateTime closedAt) {

    public static SurveyView of(Survey s) {
        return new SurveyView(s.id, s.planId, s.title, s.description, s.anonymous, s.status, s.version, s.questions,
                s.closesAt, s.createdAt, s.publishedAt, s.closedAt);
    }
}
