package org.coprogram.synthesis.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.synthesis.clusteredit.ClusterEdit;
import org.coprogram.synthesis.clusteredit.ClusterOverlay;
import org.coprogram.synthesis.clusteredit.EditedAnalysis;
import org.coprogram.synthesis.synthesis.SynthesisView;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * The synthesis report: Qute renders the HTML (escaping everything people wrote), openhtmltopdf lays the same HTML out
 * as PDF, so both always say the same. The HTML is served with {@link #contentSecurityPolicy()}: nothing but its own
 * stylesheet, admitted by hash, may load or run.
 */
@ApplicationScoped
public class ReportRenderer {

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm",
            Locale.ITALIAN);

    private final Template template;
    private final String styleElement;
    private final String contentSecurityPolicy;
    private final Pseudonymizer pseudonyms;

    public ReportRenderer(@Location("synthesis-report.html") Template template,
            @Location("report-style.html") Template style, Pseudonymizer pseudonyms) {
        this.template = template;
        this.pseudonyms = pseudonyms;
        // The stylesheet holds no data, so its text, and the hash that admits it, are known before any report.
        String css = style.render();
        this.styleElement = "<style>" + css + "</style>";
        this.contentSecurityPolicy = policy(css);
    }

    /**
     * @param analysis the analysis with the region's edits applied
     * @param edits the active edits of the view's scope, oldest first, listed in the report
     */
    public String html(SynthesisView view, EditedAnalysis analysis, List<ClusterEdit> edits) {
        String generated = OffsetDateTime.now(ZoneId.of("Europe/Rome")).format(GENERATED);
        List<ReportModel.EditLine> lines = editLines(edits, analysis.edits(), pseudonyms::of);
        String html = template.data("report", ReportModel.of(view, analysis, lines, generated)).render();
        if (!html.contains(styleElement)) {
            throw new IllegalStateException(
                    "The report's stylesheet is not the one its Content-Security-Policy hashes");
        }
        return html;
    }

    /**
     * The edits in the report's words. Who made an edit is shown by the service's pseudonym of the account, as
     * everywhere people appear outside the service: the account id is for the region's own list and audit trail.
     */
    static List<ReportModel.EditLine> editLines(List<ClusterEdit> edits, List<ClusterOverlay.EditOutcome> outcomes,
            Function<String, String> pseudonym) {
        Map<UUID, ClusterOverlay.EditOutcome> byEdit = outcomes.stream()
                .collect(Collectors.toMap(ClusterOverlay.EditOutcome::editId, o -> o, (a, b) -> a));
        return edits.stream().map(e -> new ReportModel.EditLine(
                e.createdAt().atZoneSameInstant(ZoneId.of("Europe/Rome")).format(GENERATED),
                "personale regionale " + pseudonym.apply(e.createdBy()).substring(0, 8), what(e), e.note(),
                status(byEdit.get(e.id())))).toList();
    }

    private static String what(ClusterEdit e) {
        String before = e.beforeLabels().stream().map(l -> "«" + l + "»").collect(Collectors.joining(", "));
        return switch (e.kind()) {
            case RENAME -> "Rinominato " + before + " in «" + e.label() + "»";
            case MERGE -> "Uniti " + before + (e.label() == null ? "" : " in «" + e.label() + "»");
            case SPLIT -> "Separati " + e.moved().size() + " contributi da " + before + " nel gruppo «" + e.label()
                    + "»";
        };
    }

    private static String status(ClusterOverlay.EditOutcome outcome) {
        if (outcome == null) {
            return "";
        }
        return switch (outcome.status()) {
            case APPLIED -> "applicata";
            case PARTIAL -> "applicata in parte: " + outcome.detail();
            case UNMATCHED -> "non più applicabile: " + outcome.detail();
        };
    }

    /**
     * The policy of the HTML report: no script, frame, form, font, image or connection at all; only the report's own
     * {@code <style>} element, by its SHA-256 (style attributes stay blocked); no {@code <base>}, and no framing.
     */
    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    static String policy(String css) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return "default-src 'none'; style-src 'sha256-" + Base64.getEncoder().encodeToString(digest)
                    + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Blocking and CPU-bound: call it off the event loop. Tagged PDF/UA-1, see {@link AccessiblePdf}. */
    public byte[] pdf(String html) {
        return AccessiblePdf.render(html);
    }
}
