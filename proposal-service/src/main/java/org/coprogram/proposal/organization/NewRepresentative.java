package org.coprogram.proposal.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/organizations/{id}/representatives}: whose account becomes a representative. */
public record NewRepresentative(
        @NotBlank(message = "il nome utente è obbligatorio") @Size(max = 255, message = "al massimo 255 caratteri") String username) {
}
