package org.coprogram.synthesis.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.coprogram.synthesis.analysis.TextAnalysis;
import org.coprogram.synthesis.clusteredit.EditedAnalysis;
import org.coprogram.synthesis.synthesis.SynthesisView;
import org.coprogram.synthesis.traceability.UptakeEquity;

import io.quarkus.qute.TemplateData;

/** What the report template shows, with the bar lengths of its charts worked out. */
@TemplateData
@TemplateData(target = SynthesisView.TerritoryParticipation.class)
@TemplateData(target = SynthesisView.TopProposal.class)
public record ReportModel(String planTitle, String scopeName, String generatedAt, long version, List<Figure> totals,
        List<Bar> themes, List<Bar> territories, List<Bar> categories, List<Bar> kinds,
        List<SynthesisView.TerritoryParticipation> participation, double medianPer1000,
        List<ClusterSummary> clusters, int nearDuplicateGroups, List<KeywordLine> keywords,
        List<SynthesisView.TopProposal> topProposals, List<EditLine> clusterEdits, UptakeSection uptake) {

    static final int CLUSTERS_SHOWN = 30;

    @TemplateData
    public record Figure(String label, long value) {
    }

    /**
     * One bar of a chart: {@code width} is its length in whole percent of the longest bar, drawn with the stylesheet's
     * class {@code w0}…{@code w100} (the report's Content-Security-Policy admits no style attribute).
     */
    @TemplateData
    public record Bar(String label, long value, int width) {
    }

    /** A cluster; {@code originalLabel} is the analysis's label when the region renamed it. */
    @TemplateData
    public record ClusterSummary(String id, String label, int size, int supports, String theme, String provinces,
            List<String> examples, boolean edited, String originalLabel) {
    }

    /** One of the region's edits to the clusters: when, who (a pseudonym), what, why, and whether it still applies. */
    @TemplateData
    public record EditLine(String when, String who, String what, String note, String status) {
    }

    @TemplateData
    public record KeywordLine(String theme, String words) {
    }

    /**
     * Uptake equity (docs/plan-document.md, "Uptake equity"), as the view has it, over the whole plan: {@code share} is
     * the view's fraction as a percentage with one decimal ({@link #percent}); {@code groups} are the provinces, the
     * districts and the stakeholder categories, each in the view's order (flagged groups first).
     */
    @TemplateData
    public record UptakeSection(long contributions, long answered, long linked, long heard, String share, String rule,
            List<UptakeTable> groups) {
    }

    /** One table of the uptake section: a caption and its rows; territories also show participation. */
    @TemplateData
    public record UptakeTable(String title, String column, boolean territories, List<UptakeLine> rows) {
    }

    /** A group's uptake: counts, share in percent, and for territories population, participants, per 1,000. */
    @TemplateData
    public record UptakeLine(String name, long contributions, long answered, long linked, long heard, String share,
            String population, String participants, String per1000, boolean heardLess) {
    }

    static ReportModel of(SynthesisView view, EditedAnalysis analysis, List<EditLine> clusterEdits,
            String generatedAt) {
        Map<String, String> themeLabels = view.byTheme().stream()
                .collect(Collectors.toMap(SynthesisView.Breakdown::code, SynthesisView.Breakdown::label));
        List<Figure> totals = totals(view);
        List<SynthesisView.TerritoryParticipation> participation = view.participation().districts().isEmpty()
                ? view.participation().municipalities().stream().limit(40).toList()
                : view.participation().districts();
        return new ReportModel(view.planTitle(), view.scope().name(), generatedAt, view.version(), totals,
                bars(view.byTheme(), SynthesisView.Breakdown::contributions),
                bars(view.byTerritory(), SynthesisView.Breakdown::contributions),
                bars(view.byCategory(), b -> b.participants() == null ? 0 : b.participants()),
                bars(view.byKind(), SynthesisView.Breakdown::contributions), participation,
                view.participation().regionalMedianPer1000(),
                analysis.clusters().stream().limit(CLUSTERS_SHOWN).map(c -> new ClusterSummary(c.id(), c.label(),
                        c.size(), c.supports(),
                        c.themes().isEmpty()
                                ? ""
                                : themeLabels.getOrDefault(c.themes().get(0).code(),
                                        c.themes().get(0).code()),
                        c.provinces().stream().map(p -> p.code() + " " + p.count())
                                .collect(Collectors.joining(", ")),
                        c.representatives().stream().map(TextAnalysis.Representative::excerpt).toList(), c.edited(),
                        c.originalLabel())).toList(),
                analysis.nearDuplicates().size(),
                analysis.keywordsByTheme().stream().map(k -> new KeywordLine(themeLabels.getOrDefault(k.code(),
                        k.code()), String.join(", ", k.words()))).toList(),
                view.topProposals(), clusterEdits, uptake(view.uptake()));
    }

    /** The view's uptake equity for the report; null when the view carries none. */
    static UptakeSection uptake(UptakeEquity.Uptake uptake) {
        if (uptake == null) {
            return null;
        }
        return new UptakeSection(uptake.contributions(), uptake.answered(), uptake.linked(), uptake.heard(),
                percent(uptake.share()), uptake.rule(),
                List.of(table("Contributi ascoltati per provincia", "Provincia", true, uptake.provinces()),
                        table("Contributi ascoltati per ambito territoriale", "Ambito", true, uptake.districts()),
                        table("Contributi ascoltati per categoria di portatori di interesse", "Categoria", false,
                                uptake.categories())));
    }

    private static UptakeTable table(String title, String column, boolean territories,
            List<UptakeEquity.UptakeGroup> groups) {
        return new UptakeTable(title, column, territories, groups.stream().map(g -> new UptakeLine(g.name(),
                g.contributions(), g.answered(), g.linked(), g.heard(), percent(g.share()), text(g.population()),
                text(g.participants()), decimal(g.participantsPer1000()), g.heardLess())).toList());
    }

    /** A share (a fraction, 4 decimals) as a percentage with one decimal, Italian style: 0.3235 is "32,4 %". */
    static String percent(double share) {
        return BigDecimal.valueOf(share).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString()
                .replace('.', ',') + " %";
    }

    /** A decimal figure of the view (participants per 1,000) with two decimals, Italian style; "–" when absent. */
    static String decimal(Double value) {
        return value == null
                ? "–"
                : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    private static String text(Long value) {
        return value == null ? "–" : value.toString();
    }

    /** The participation figures of a view, as the report's first table lists them. */
    static List<Figure> totals(SynthesisView view) {
        SynthesisView.Totals t = view.totals();
        return List.of(new Figure("Contributi", t.contributions()), new Figure("Proposte", t.proposals()),
                new Figure("Adesioni", t.supports()), new Figure("Risposte al questionario", t.surveyResponses()),
                new Figure("Incontri", t.meetings()), new Figure("Contributi dagli incontri", t.meetingContributions()),
                new Figure("Relazioni sociali", t.socialReports()), new Figure("Partecipanti", t.participants()));
    }

    static List<Bar> bars(List<SynthesisView.Breakdown> rows,
            java.util.function.ToLongFunction<SynthesisView.Breakdown> value) {
        long max = rows.stream().mapToLong(value).max().orElse(0);
        return rows.stream().sorted(Comparator.comparingLong(value).reversed()
                .thenComparing(SynthesisView.Breakdown::label))
                .map(r -> new Bar(r.label(), value.applyAsLong(r),
                        max == 0 ? 0 : (int) Math.round(100.0 * value.applyAsLong(r) / max)))
                .toList();
    }
}
