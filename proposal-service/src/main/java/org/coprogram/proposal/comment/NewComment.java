package org.coprogram.proposal.comment;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/{proposals|meetings|social-reports|measures}/{id}/comments}: {@code parentId} answers a
 * comment of the same target (one level of replies); {@code onBehalfOfOrganization} (the organisation's id or verified
 * name) needs the caller's verified claim for it; {@code anchor} only on a measure's top-level comment.
 */
public record NewComment(
        @NotBlank(message = "il testo del commento è obbligatorio") @Size(max = 5000, message = "al massimo 5.000 caratteri") String body,
        UUID parentId,
        @Size(max = 200, message = "al massimo 200 caratteri") String onBehalfOfOrganization,
        @Valid AnchorSelector anchor) {
}
