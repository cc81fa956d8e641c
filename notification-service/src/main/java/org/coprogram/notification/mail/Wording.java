package org.coprogram.notification.mail;

import java.util.Map;

/** The Italian words of each kind of notification: the subject of its e-mail and the sentence that opens it. */
public final class Wording {

    public record Words(String subject, String intro) {
    }

    private static final Words GENERIC = new Words("Novità su Coprogram", "C'è una novità che ti riguarda.");

    private static final Map<String, Words> BY_KIND = Map.ofEntries(
            Map.entry("PROPOSAL_ANSWERED", new Words("La tua proposta ha ricevuto una risposta",
                    "L'amministrazione ha risposto alla tua proposta.")),
            Map.entry("PROPOSAL_MERGED", new Words("La tua proposta è stata unita a un'altra",
                    "La tua proposta è stata unita a una proposta simile: il suo contenuto continua lì.")),
            Map.entry("PROPOSAL_HIDDEN", new Words("La tua proposta è stata nascosta",
                    "La moderazione ha nascosto la tua proposta. Trovi il motivo qui sotto.")),
            Map.entry("PROPOSAL_RESTORED", new Words("La tua proposta è di nuovo visibile",
                    "La moderazione ha reso di nuovo visibile la tua proposta.")),
            Map.entry("REGISTRATION_CONFIRMED", new Words("Iscrizione confermata",
                    "La tua iscrizione all'incontro è confermata. In allegato trovi l'evento per il calendario.")),
            Map.entry("REGISTRATION_WAITLISTED", new Words("Sei in lista d'attesa",
                    "L'incontro è al completo: sei in lista d'attesa e ti scriveremo se si libera un posto.")),
            Map.entry("REGISTRATION_PROMOTED", new Words("Si è liberato un posto: sei iscritto",
                    "Si è liberato un posto e la tua iscrizione all'incontro è ora confermata.")),
            Map.entry("MEETING_UPDATED", new Words("Un incontro è cambiato",
                    "Un incontro che segui è stato modificato: controlla data, orario e luogo.")),
            Map.entry("MEETING_CANCELLED", new Words("Un incontro è stato annullato",
                    "Un incontro che segui è stato annullato.")),
            Map.entry("MEETING_REMINDER", new Words("Promemoria: l'incontro è domani",
                    "Ti ricordiamo che domani si tiene l'incontro a cui sei iscritto.")),
            Map.entry("SURVEY_CLOSING_SOON", new Words("Un questionario sta per chiudere",
                    "Il questionario che hai iniziato sta per chiudere: completalo prima della scadenza.")),
            Map.entry("COMMENT_CREATED", new Words("Nuovo commento",
                    "C'è un nuovo commento su qualcosa che segui.")),
            Map.entry("PLAN_PHASE_CHANGED", new Words("Il piano è passato a una nuova fase",
                    "Un piano che segui è passato a una nuova fase.")));

    /** Italian labels of the data keys the templates show; other keys are shown as they are. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("phase", "Nuova fase"),
            Map.entry("previousPhase", "Fase precedente"), Map.entry("startsAt", "Inizio"),
            Map.entry("endsAt", "Fine"), Map.entry("address", "Luogo"), Map.entry("onlineUrl", "Collegamento"),
            Map.entry("status", "Stato"), Map.entry("answer", "Risposta"), Map.entry("reason", "Motivo"),
            Map.entry("body", "Testo"), Map.entry("author", "Autore"), Map.entry("code", "Codice"),
            Map.entry("closesAt", "Chiusura"), Map.entry("position", "Posizione in lista"));

    private Wording() {
    }

    public static Words of(String kind) {
        return BY_KIND.getOrDefault(kind, GENERIC);
    }

    public static String label(String key) {
        return LABELS.getOrDefault(key, key);
    }
}
