package org.coprogram.synthesis.report;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentVersion;
import org.coprogram.synthesis.synthesis.SynthesisView;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * The adopted plan as a document: Qute renders the HTML with the report's stylesheet (so the report's
 * Content-Security-Policy, {@link ReportRenderer#contentSecurityPolicy()}, admits it too), and {@link AccessiblePdf}
 * lays the same HTML out as tagged PDF/UA-1.
 */
@ApplicationScoped
public class AdoptedPlanRenderer {

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm",
            Locale.ITALIAN);

    private final Template template;

    public AdoptedPlanRenderer(@Location("adopted-plan.html") Template template) {
        this.template = template;
    }

    /**
     * @param plan an adopted plan; @param view its synthesis for the whole region, published data only; @param document
     *        the adopted version of its document (docs/plan-document.md), null if none was published
     */
    public String html(Plan plan, SynthesisView view, DocumentVersion document) {
        String generated = OffsetDateTime.now(ZoneId.of("Europe/Rome")).format(GENERATED);
        return template.data("plan", AdoptedPlanModel.of(plan, view, document, generated)).render();
    }

    /** Blocking and CPU-bound: call it off the event loop. */
    public byte[] pdf(String html) {
        return AccessiblePdf.render(html);
    }
}
