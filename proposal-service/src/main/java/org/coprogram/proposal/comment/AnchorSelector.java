package org.coprogram.proposal.comment;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The text a measure comment refers to: a W3C Web Annotation TextQuoteSelector ({@code exact} with up to 64
 * characters of {@code prefix} and {@code suffix} around it) over the measure's description or title in
 * {@code version} of the plan document (docs/dialogue.md, "Anchors").
 */
@Schema(name = "CommentAnchor")
public record AnchorSelector(
        @NotNull(message = "la versione del documento è obbligatoria") @Min(value = 1, message = "la versione parte da 1") Integer version,
        @NotBlank(message = "il testo citato è obbligatorio") @Size(max = 1000, message = "al massimo 1.000 caratteri") String exact,
        @Size(max = 64, message = "al massimo 64 caratteri") String prefix,
        @Size(max = 64, message = "al massimo 64 caratteri") String suffix) {
}
