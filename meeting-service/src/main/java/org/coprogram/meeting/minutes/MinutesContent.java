package org.coprogram.meeting.minutes;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /api/meetings/{id}/minutes}. */
public record MinutesContent(
        @NotBlank(message = "la sintesi è obbligatoria") @Size(max = 20000, message = "al massimo 20.000 caratteri") String summary,
        @Min(value = 0, message = "non può essere negativo") @Max(value = 1000000, message = "valore non plausibile") Integer attendance,
        @NotNull(message = "indicare i contributi (anche nessuno)") @Size(max = 500, message = "al massimo 500 contributi") List<@NotNull @Valid Contribution> contributions) {

    /** One contribution raised at the meeting, with the theme it concerns and the proposals it refers to. */
    public record Contribution(
            @NotBlank(message = "l'area di intervento è obbligatoria") @Size(max = 40, message = "codice di area non valido") String theme,
            @NotBlank(message = "il testo è obbligatorio") @Size(max = 5000, message = "al massimo 5.000 caratteri") String text,
            @Size(max = 20, message = "al massimo 20 proposte collegate") List<@NotNull UUID> proposalIds) {
    }
}
