package org.coprogram.proposal.comment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code PATCH /api/comments/{id}}: the new text, within the edit window. */
public record CommentEdit(
        @NotBlank(message = "il testo del commento è obbligatorio") @Size(max = 5000, message = "al massimo 5.000 caratteri") String body) {
}
