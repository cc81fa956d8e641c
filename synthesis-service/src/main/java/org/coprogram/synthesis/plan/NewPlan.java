package org.coprogram.synthesis.plan;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.coprogram.contracts.Regions;

/** The body of {@code POST /api/plans}. */
public record NewPlan(
        @NotNull(message = "la regione è obbligatoria") @Pattern(regexp = Regions.PATTERN, message = "regione non gestita: puglia o abruzzo") String region,
        @NotBlank(message = "il titolo è obbligatorio") @Size(min = 5, max = 200, message = "tra 5 e 200 caratteri") String title,
        @NotNull(message = "la data di inizio è obbligatoria") LocalDate periodStart,
        @NotNull(message = "la data di fine è obbligatoria") LocalDate periodEnd,
        @NotEmpty(message = "indicare almeno un'area di intervento") @Size(max = 40, message = "al massimo 40 aree") List<@NotNull @Valid Theme> themes,
        @Size(max = 60, message = "al massimo 60 LEPS") List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,59}", message = "codice LEPS non valido") String> leps,
        @Size(max = 7, message = "al massimo una voce per fase") List<@NotNull @Valid PlannedPhase> timeline) {
}
