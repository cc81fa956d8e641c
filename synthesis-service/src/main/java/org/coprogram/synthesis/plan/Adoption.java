package org.coprogram.synthesis.plan;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The Giunta Regionale resolution (DGR) that adopts the plan. */
public record Adoption(
        @NotBlank(message = "il numero della delibera è obbligatorio") @Size(max = 40, message = "al massimo 40 caratteri") @Pattern(regexp = "[A-Za-z0-9/ .-]+", message = "numero di delibera non valido") String resolutionNumber,
        @NotNull(message = "la data della delibera è obbligatoria") LocalDate resolutionDate,
        @Size(max = 2000, message = "al massimo 2.000 caratteri") @Pattern(regexp = "https?://\\S+", message = "deve essere un indirizzo http o https") String documentUrl) {
}
