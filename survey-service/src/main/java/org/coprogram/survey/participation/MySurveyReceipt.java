package org.coprogram.survey.participation;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.survey.survey.SurveyStatus;

/**
 * A questionnaire the caller answered, as "La mia partecipazione" lists it. Never the answers. For an anonymous
 * questionnaire only the fact that an answer was recorded: no response id and no time, since nothing stored links the
 * person to their answers (docs/privacy.md, "Anonymous means unlinkable"); for a named one, the receipt's response id
 * and time, as the submission already returned them.
 */
public record MySurveyReceipt(UUID surveyId, UUID planId, String title, boolean anonymous, SurveyStatus surveyStatus,
        OffsetDateTime closesAt, UUID responseId, OffsetDateTime submittedAt) {
}
