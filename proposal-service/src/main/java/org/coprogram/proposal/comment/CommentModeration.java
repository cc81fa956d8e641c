package org.coprogram.proposal.comment;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/comments/{id}/moderation}; the reason goes to the audit trail, not to the public.
 * {@code flagsSeenUntil}, the queue item's {@code lastFlaggedAt} as the moderator saw it: keeping a visible comment then
 * closes only the flags made until then, and a flag made since makes the decision a 409 (reload and look again).
 */
public record CommentModeration(
        @NotNull(message = "l'azione è obbligatoria (HIDE o RESTORE)") Action action,
        @NotBlank(message = "il motivo è obbligatorio") @Size(min = 3, max = 2000, message = "il motivo deve avere tra 3 e 2.000 caratteri") String reason,
        OffsetDateTime flagsSeenUntil) {

    public CommentModeration(Action action, String reason) {
        this(action, reason, null);
    }

    @Schema(name = "CommentModerationAction")
    public enum Action {
        HIDE, RESTORE
    }
}
