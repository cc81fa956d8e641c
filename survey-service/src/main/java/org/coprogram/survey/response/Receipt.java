package org.coprogram.survey.response;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the respondent gets back. In an anonymous survey it names no response and no time: nothing stored links the
 * person to their answers, so a repeated request can only confirm that an answer was recorded.
 */
public record Receipt(UUID surveyId, int surveyVersion, boolean anonymous, UUID responseId, OffsetDateTime submittedAt,
        String message) {

    static final String RECORDED = "Risposta registrata. Grazie per la partecipazione.";
    static final String RECORDED_ANONYMOUS = RECORDED + " Le risposte anonime entrano nei risultati a gruppi di"
            + " almeno cinque, perché nessuna possa essere ricondotta a chi l'ha data.";
}
