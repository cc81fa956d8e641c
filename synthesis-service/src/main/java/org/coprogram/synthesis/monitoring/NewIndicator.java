package org.coprogram.synthesis.monitoring;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record NewIndicator(
        @NotBlank(message = "il nome è obbligatorio") @Size(max = 200, message = "al massimo 200 caratteri") String name,
        @Size(max = 40, message = "codice di area non valido") String theme,
        @NotBlank(message = "l'unità di misura è obbligatoria") @Size(max = 40, message = "al massimo 40 caratteri") String unit,
        @NotNull(message = "il valore di partenza è obbligatorio") BigDecimal baseline,
        @NotNull(message = "il valore obiettivo è obbligatorio") BigDecimal target,
        @NotNull(message = "indicare la direzione (INCREASE o DECREASE)") Direction direction) {
}
