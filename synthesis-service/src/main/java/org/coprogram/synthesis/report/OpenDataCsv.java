package org.coprogram.synthesis.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.coprogram.synthesis.synthesis.SynthesisView;

/**
 * The synthesis as open data: one CSV row per figure, columns documented in docs/synthesis.md. Only aggregates; no
 * contribution text and no person.
 */
public final class OpenDataCsv {

    static final List<String> HEADER = List.of("sezione", "codice", "etichetta", "contributi", "proposte", "adesioni",
            "risposte_questionario", "contributi_incontri", "voci_relazioni_sociali", "partecipanti", "abitanti",
            "partecipanti_per_1000", "sotto_soglia");

    private OpenDataCsv() {
    }

    public static String of(SynthesisView view) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(HEADER.toArray(String[]::new)).get())) {
            SynthesisView.Totals t = view.totals();
            csv.printRecord("totale", view.scope().code(), view.scope().name(), t.contributions(), t.proposals(),
                    t.supports(), t.surveyResponses(), t.meetingContributions(), "", t.participants(), "", "", "");
            breakdowns(csv, "area", view.byTheme());
            breakdowns(csv, "categoria", view.byCategory());
            breakdowns(csv, "tipo", view.byKind());
            breakdowns(csv, "territorio", view.byTerritory());
            participation(csv, "partecipazione_ambito", view.participation().districts());
            participation(csv, "partecipazione_comune", view.participation().municipalities());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void breakdowns(CSVPrinter csv, String section, List<SynthesisView.Breakdown> rows)
            throws IOException {
        for (SynthesisView.Breakdown b : rows) {
            csv.printRecord(section, b.code(), b.label(), b.contributions(), b.proposals(), b.supports(),
                    b.surveyResponses(), b.meetingContributions(), b.socialReportItems(),
                    b.participants() == null ? "" : b.participants(), "", "", "");
        }
    }

    private static void participation(CSVPrinter csv, String section,
            List<SynthesisView.TerritoryParticipation> rows) throws IOException {
        for (SynthesisView.TerritoryParticipation p : rows) {
            csv.printRecord(section, p.code(), p.name(), "", "", "", "", "", "", p.participants(), p.population(),
                    p.per1000(), p.below() ? "si" : "no");
        }
    }
}
