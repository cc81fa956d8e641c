package org.coprogram.synthesis.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.analysis.TextAnalysis;
import org.coprogram.synthesis.synthesis.SynthesisView;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * The synthesis report: Qute renders the HTML (escaping everything people wrote), openhtmltopdf lays the same HTML out
 * as PDF, so both always say the same.
 */
@ApplicationScoped
public class ReportRenderer {

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm",
            Locale.ITALIAN);

    private final Template template;

    public ReportRenderer(@Location("synthesis-report.html") Template template) {
        this.template = template;
    }

    public String html(SynthesisView view, TextAnalysis analysis) {
        String generated = OffsetDateTime.now(ZoneId.of("Europe/Rome")).format(GENERATED);
        return template.data("report", ReportModel.of(view, analysis, generated)).render();
    }

    /** Blocking and CPU-bound: call it off the event loop. */
    public byte[] pdf(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering the synthesis report as PDF failed", e);
        }
    }
}
