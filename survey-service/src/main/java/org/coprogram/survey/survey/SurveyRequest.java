package org.coprogram.survey.survey;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/plans/{planId}/surveys} and of a draft's edit. */
public record SurveyRequest(
        @NotBlank(message = "il titolo è obbligatorio") @Size(min = 5, max = 200, message = "tra 5 e 200 caratteri") String title,
        @Size(max = 10000, message = "al massimo 10.000 caratteri") String description,
        @NotNull(message = "indicare se il questionario è anonimo (true/false)") Boolean anonymous,
        @NotEmpty(message = "indicare almeno una domanda") @Size(max = 100, message = "al massimo 100 domande") List<@NotNull(message = "domanda mancante") Question> questions,
        OffsetDateTime closesAt) {
}
