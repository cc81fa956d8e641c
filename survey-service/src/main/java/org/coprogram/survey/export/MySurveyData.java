package org.coprogram.survey.export;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A questionnaire the person answered, as their data export carries it. For a named questionnaire the response as
 * stored (its id, time, answers and the profile given with it); for an anonymous one only that an answer was recorded:
 * {@code responseId}, {@code submittedAt}, {@code answers} and the profile are null, because nothing stored links the
 * person to their answers and the export must not create such a link (docs/privacy.md).
 */
public record MySurveyData(UUID surveyId, UUID planId, String title, boolean anonymous, UUID responseId,
        OffsetDateTime submittedAt, @JsonRawValue String answers, String municipality, String district,
        String category) {
}
