package org.coprogram.synthesis.socialreport;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The structured sections of a Relazione Sociale: results achieved, effective practices (with how transferable they
 * are), critical issues, unmet needs, each entry optionally tied to one of the plan's themes; attachments by link.
 */
public record SocialReportContent(
        @Size(max = 50, message = "al massimo 50 voci") List<@NotNull @Valid Finding> resultsAchieved,
        @Size(max = 50, message = "al massimo 50 voci") List<@NotNull @Valid Practice> effectivePractices,
        @Size(max = 50, message = "al massimo 50 voci") List<@NotNull @Valid Finding> criticalIssues,
        @Size(max = 50, message = "al massimo 50 voci") List<@NotNull @Valid Finding> unmetNeeds,
        @Size(max = 20, message = "al massimo 20 allegati") List<@NotNull @Valid Attachment> attachments) {

    public enum Transferability {
        HIGH, MEDIUM, LOW
    }

    public record Finding(
            @Size(max = 40, message = "codice di area non valido") String theme,
            @NotBlank(message = "il testo è obbligatorio") @Size(max = 5000, message = "al massimo 5.000 caratteri") String text) {
    }

    public record Practice(
            @Size(max = 40, message = "codice di area non valido") String theme,
            @NotBlank(message = "il titolo è obbligatorio") @Size(max = 200, message = "al massimo 200 caratteri") String title,
            @NotBlank(message = "la descrizione è obbligatoria") @Size(max = 5000, message = "al massimo 5.000 caratteri") String description,
            @NotNull(message = "indicare la trasferibilità (HIGH, MEDIUM, LOW)") Transferability transferability,
            @Size(max = 2000, message = "al massimo 2.000 caratteri") String transferabilityNotes) {
    }

    public record Attachment(
            @NotBlank(message = "il titolo è obbligatorio") @Size(max = 200, message = "al massimo 200 caratteri") String title,
            @NotBlank(message = "il collegamento è obbligatorio") @Size(max = 2000, message = "al massimo 2.000 caratteri") @Pattern(regexp = "https?://\\S+", message = "deve essere un indirizzo http o https") String url) {
    }

    /** Null lists become empty, so stored reports always have every section. */
    public SocialReportContent normalised() {
        return new SocialReportContent(orEmpty(resultsAchieved), orEmpty(effectivePractices), orEmpty(criticalIssues),
                orEmpty(unmetNeeds), orEmpty(attachments));
    }

    boolean isEmpty() {
        return resultsAchieved.isEmpty() && effectivePractices.isEmpty() && criticalIssues.isEmpty()
                && unmetNeeds.isEmpty();
    }

    /** The theme codes the report refers to, with the JSON path of each, for checking against the plan. */
    List<String[]> themeReferences() {
        List<String[]> references = new java.util.ArrayList<>();
        addThemes(references, "resultsAchieved", resultsAchieved.stream().map(Finding::theme).toList());
        addThemes(references, "effectivePractices", effectivePractices.stream().map(Practice::theme).toList());
        addThemes(references, "criticalIssues", criticalIssues.stream().map(Finding::theme).toList());
        addThemes(references, "unmetNeeds", unmetNeeds.stream().map(Finding::theme).toList());
        return references;
    }

    private static void addThemes(List<String[]> references, String section, List<String> themes) {
        for (int i = 0; i < themes.size(); i++) {
            if (themes.get(i) != null) {
                references.add(new String[]{section + "[" + i + "].theme", themes.get(i)});
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
