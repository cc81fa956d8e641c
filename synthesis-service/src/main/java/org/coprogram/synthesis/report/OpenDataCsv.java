package org.coprogram.synthesis.report;

import java.util.List;

import org.coprogram.common.csv.CsvWriter;
import org.coprogram.synthesis.synthesis.SynthesisView;
import org.coprogram.synthesis.traceability.UptakeEquity;

/**
 * The synthesis as open data: one CSV row per figure, columns documented in docs/synthesis.md. Only aggregates; no
 * contribution text and no person. Written by the platform's {@link CsvWriter}: figures are numbers, a figure that
 * does not apply to a row is an empty cell, and labels (plan themes, territory names) are quoted text that never runs
 * as a formula.
 */
public final class OpenDataCsv {

    static final List<String> HEADER = List.of("sezione", "codice", "etichetta", "contributi", "proposte", "adesioni",
            "risposte_questionario", "contributi_incontri", "voci_relazioni_sociali", "partecipanti", "abitanti",
            "partecipanti_per_1000", "sotto_soglia", "risposte_ufficiali", "collegati_interventi", "ascoltati",
            "quota_ascoltati", "ascoltati_meno");

    private OpenDataCsv() {
    }

    public static String of(SynthesisView view) {
        StringBuilder out = new StringBuilder();
        CsvWriter csv = CsvWriter.to(out).row(HEADER);
        SynthesisView.Totals t = view.totals();
        csv.row("totale", view.scope().code(), view.scope().name(), t.contributions(), t.proposals(), t.supports(),
                t.surveyResponses(), t.meetingContributions(), null, t.participants(), null, null, null, null, null,
                null, null, null);
        breakdowns(csv, "area", view.byTheme());
        breakdowns(csv, "categoria", view.byCategory());
        breakdowns(csv, "tipo", view.byKind());
        breakdowns(csv, "territorio", view.byTerritory());
        participation(csv, "partecipazione_ambito", view.participation().districts());
        participation(csv, "partecipazione_comune", view.participation().municipalities());
        uptake(csv, view.uptake());
        return out.toString();
    }

    private static void breakdowns(CsvWriter csv, String section, List<SynthesisView.Breakdown> rows) {
        for (SynthesisView.Breakdown b : rows) {
            csv.row(section, b.code(), b.label(), b.contributions(), b.proposals(), b.supports(), b.surveyResponses(),
                    b.meetingContributions(), b.socialReportItems(), b.participants(), null, null, null, null, null,
                    null, null, null);
        }
    }

    private static void participation(CsvWriter csv, String section,
            List<SynthesisView.TerritoryParticipation> rows) {
        for (SynthesisView.TerritoryParticipation p : rows) {
            csv.row(section, p.code(), p.name(), null, null, null, null, null, null, p.participants(), p.population(),
                    p.per1000(), p.below() ? "si" : "no", null, null, null, null, null);
        }
    }

    /**
     * Uptake equity over the whole plan, whatever the scope (docs/plan-document.md, "Uptake equity"): a row
     * {@code ascolto_totale}, then one per province, district and category, with the view's figures as they are
     * ({@code quota_ascoltati} the fraction from 0 to 1, four decimals).
     */
    private static void uptake(CsvWriter csv, UptakeEquity.Uptake uptake) {
        if (uptake == null) {
            return;
        }
        csv.row("ascolto_totale", null, null, uptake.contributions(), null, null, null, null, null, null, null, null,
                null, uptake.answered(), uptake.linked(), uptake.heard(), uptake.share(), null);
        uptakeGroups(csv, "ascolto_provincia", uptake.provinces());
        uptakeGroups(csv, "ascolto_ambito", uptake.districts());
        uptakeGroups(csv, "ascolto_categoria", uptake.categories());
    }

    private static void uptakeGroups(CsvWriter csv, String section, List<UptakeEquity.UptakeGroup> groups) {
        for (UptakeEquity.UptakeGroup g : groups) {
            csv.row(section, g.code(), g.name(), g.contributions(), null, null, null, null, null, g.participants(),
                    g.population(), g.participantsPer1000(), null, g.answered(), g.linked(), g.heard(), g.share(),
                    g.heardLess() ? "si" : "no");
        }
    }
}
