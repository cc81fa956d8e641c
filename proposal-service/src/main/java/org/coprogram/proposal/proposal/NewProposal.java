package org.coprogram.proposal.proposal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.coprogram.contracts.StakeholderCategory;

/** The body of {@code POST /api/plans/{planId}/proposals}. */
public record NewProposal(
        @NotNull(message = "il tipo è obbligatorio (PROPOSAL, IDEA, REPORT)") Kind kind,
        @NotBlank(message = "il titolo è obbligatorio") @Size(min = 10, max = 150, message = "il titolo deve avere tra 10 e 150 caratteri") String title,
        @NotBlank(message = "il testo è obbligatorio") @Size(min = 30, max = 10000, message = "il testo deve avere tra 30 e 10.000 caratteri") String body,
        @NotBlank(message = "l'area di intervento è obbligatoria") @Size(max = 40, message = "codice di area non valido") String theme,
        @NotBlank(message = "il comune è obbligatorio") @Pattern(regexp = "\\d{6}", message = "il comune va indicato con il codice ISTAT di 6 cifre") String municipality,
        StakeholderCategory category,
        @Size(max = 200, message = "al massimo 200 caratteri") String organization) {
}
