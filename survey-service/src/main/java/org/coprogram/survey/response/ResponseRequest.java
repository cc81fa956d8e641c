package org.coprogram.survey.response;

import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/surveys/{id}/responses}: one answer per question id. {@code municipality} (ISTAT code)
 * places the respondent for the results by territory; without it, the first MUNICIPALITY answer does.
 */
public record ResponseRequest(JsonNode answers,
        @Pattern(regexp = "\\d{6}", message = "il comune va indicato con il codice ISTAT di 6 cifre") String municipality) {
}
