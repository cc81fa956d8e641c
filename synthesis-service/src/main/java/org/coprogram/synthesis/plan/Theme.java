package org.coprogram.synthesis.plan;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An area of intervention (area di intervento) of a plan. */
public record Theme(
        @NotBlank(message = "il codice è obbligatorio") @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "solo lettere minuscole, cifre e trattini (2-40)") String code,
        @NotBlank(message = "l'etichetta è obbligatoria") @Size(max = 120, message = "al massimo 120 caratteri") String label) {
}
