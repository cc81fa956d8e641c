package org.coprogram.synthesis.plan;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;

import org.coprogram.contracts.Phase;

/** One step of the plan's timeline with its planned dates. */
public record PlannedPhase(@NotNull(message = "la fase è obbligatoria") Phase phase,
        @NotNull(message = "la data di inizio è obbligatoria") LocalDate plannedStart,
        @NotNull(message = "la data di fine è obbligatoria") LocalDate plannedEnd) {
}
