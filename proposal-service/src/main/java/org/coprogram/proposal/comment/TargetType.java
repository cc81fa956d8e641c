package org.coprogram.proposal.comment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a comment is about; the enum names are the wire and database representation. */
@Schema(name = "CommentTargetType")
public enum TargetType {
    PROPOSAL("Proposta non trovata"), MEETING("Incontro non trovato"), SOCIAL_REPORT(
            "Relazione sociale non trovata o non pubblicata"), MEASURE(
                    "Intervento del piano non trovato o non pubblicato");

    private final String notFound;

    TargetType(String notFound) {
        this.notFound = notFound;
    }

    public String notFound() {
        return notFound;
    }
}
