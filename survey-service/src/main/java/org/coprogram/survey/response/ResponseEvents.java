package org.coprogram.survey.response;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.contracts.StakeholderCategory;

import com.fasterxml.jackson.databind.JsonNode;

/** Data of {@code survey.response-submitted.v1}: the answers, the profile and a pseudonymous respondent id. */
public final class ResponseEvents {

    public record Profile(String municipality, String district, String province, StakeholderCategory category) {
    }

    public record Submitted(UUID surveyId, UUID planId, UUID responseId, int surveyVersion, String respondent,
            boolean anonymous, JsonNode answers, Profile profile, OffsetDateTime submittedAt) {
    }

    private ResponseEvents() {
    }
}
