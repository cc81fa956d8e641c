package org.coprogram.synthesis.synthesis;

import java.util.Map;

/** Italian names for what the public reads in the synthesis. */
public final class Labels {

    private static final Map<String, String> CATEGORIES = Map.ofEntries(Map.entry("DISTRICT", "Ambiti territoriali"),
            Map.entry("PROVINCE", "Province"), Map.entry("MUNICIPALITY", "Comuni"),
            Map.entry("TRADE_UNION", "Organizzazioni sindacali"),
            Map.entry("EMPLOYER_ORGANIZATION", "Organizzazioni datoriali"), Map.entry("THIRD_SECTOR", "Terzo settore"),
            Map.entry("PROFESSIONAL_ORDER", "Ordini professionali"),
            Map.entry("OTHER_PUBLIC_BODY", "Altri enti pubblici"), Map.entry("REGIONAL_GUARANTOR", "Garanti regionali"),
            Map.entry("CITIZEN", "Cittadini e cittadine"), Map.entry("", "Non indicata"));

    private static final Map<String, String> KINDS = Map.of("PROPOSAL", "Proposte", "IDEA", "Idee", "REPORT",
            "Segnalazioni", "SURVEY_RESPONSE", "Risposte al questionario", "MEETING_CONTRIBUTION",
            "Contributi dagli incontri", "SOCIAL_REPORT", "Voci delle relazioni sociali", "COMMENT",
            "Commenti alle proposte");

    private Labels() {
    }

    public static String category(String code) {
        return CATEGORIES.getOrDefault(code == null ? "" : code, code);
    }

    public static String kind(String code) {
        return KINDS.getOrDefault(code, code);
    }
}
