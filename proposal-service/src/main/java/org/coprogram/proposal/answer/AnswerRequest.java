package org.coprogram.proposal.answer;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.coprogram.proposal.proposal.ProposalStatus;

/** The body of {@code POST /api/proposals/{id}/answer}. */
public record AnswerRequest(
        @NotNull(message = "l'esito è obbligatorio (ACCEPTED, PARTIALLY_ACCEPTED, NOT_ACCEPTED, MERGED)") ProposalStatus status,
        @NotBlank(message = "la motivazione è obbligatoria") @Size(min = 10, max = 5000, message = "la motivazione deve avere tra 10 e 5.000 caratteri") String text,
        UUID mergedInto) {
}
