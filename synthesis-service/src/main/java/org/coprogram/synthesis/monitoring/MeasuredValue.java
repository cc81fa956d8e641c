package org.coprogram.synthesis.monitoring;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotNull;

public record MeasuredValue(@NotNull(message = "il valore è obbligatorio") BigDecimal value) {
}
