package org.coprogram.proposal.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.coprogram.contracts.StakeholderCategory;

/** The body of {@code POST /api/regions/{region}/organizations}. */
public record NewOrganization(
        @NotBlank(message = "il nome è obbligatorio") @Size(min = 3, max = 200, message = "il nome deve avere tra 3 e 200 caratteri") String name,
        @NotNull(message = "il tipo è obbligatorio (una categoria di portatori di interesse)") StakeholderCategory kind,
        @Pattern(regexp = NewOrganization.FISCAL_CODE, message = "codice fiscale non valido: 11 cifre per un ente, 16 caratteri per una persona") String fiscalCode,
        @Pattern(regexp = "\\d{1,10}", message = "numero di iscrizione al RUNTS non valido: da 1 a 10 cifre") String runtsNumber) {

    /**
     * An entity's fiscal code (11 digits, as the partita IVA) or a person's (16 characters, the digits possibly replaced
     * by letters for homocodes), in upper or lower case.
     */
    static final String FISCAL_CODE = "\\d{11}|(?i:[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z])";
}
