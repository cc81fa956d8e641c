package org.coprogram.proposal.moderation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/proposals/{id}/moderation}; the note goes to the audit trail, not to the public. */
public record ModerationDecision(
        @NotNull(message = "l'azione è obbligatoria (HIDE o RESTORE)") Action action,
        @NotBlank(message = "la nota è obbligatoria") @Size(min = 3, max = 2000, message = "la nota deve avere tra 3 e 2.000 caratteri") String note) {

    public enum Action {
        HIDE, RESTORE
    }
}
