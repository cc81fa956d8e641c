package org.coprogram.synthesis.synthesis;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.analysis.AnalysisService;
import org.coprogram.synthesis.report.ReportRenderer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The synthesis report of a view, rendered once per scope and read-model version: rendering (above all the PDF) is
 * the costliest read anyone can ask for without logging in, so concurrent requests share one rendering and later
 * ones get the kept document until an event moves the plan's read model.
 */
@ApplicationScoped
public class RenderedReports {

    private record Key(UUID planId, String level, String code, boolean unpublished) {
    }

    private final AnalysisService analysis;
    private final ReportRenderer renderer;
    private final VersionedCache<Key, String> html = new VersionedCache<>(200);
    private final VersionedCache<Key, byte[]> pdf = new VersionedCache<>(50);

    public RenderedReports(AnalysisService analysis, ReportRenderer renderer, MeterRegistry registry) {
        this.analysis = analysis;
        this.renderer = renderer;
        FunctionCounter.builder("synthesis.report.renderings", pdf, VersionedCache::computations).tag("format", "pdf")
                .description("Synthesis reports rendered (requests for a version already rendered share one)")
                .register(registry);
        FunctionCounter.builder("synthesis.report.renderings", html, VersionedCache::computations)
                .tag("format", "html").register(registry);
    }

    public Uni<String> html(SynthesisView view) {
        return html.get(key(view), view.version(), () -> analysis
                .analysis(view.planId(), view.scope(), view.version(), view.includesUnpublished())
                .map(result -> renderer.html(view, result)));
    }

    public Uni<byte[]> pdf(SynthesisView view) {
        return pdf.get(key(view), view.version(), () -> html(view).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(renderer::pdf));
    }

    private static Key key(SynthesisView view) {
        return new Key(view.planId(), view.scope().level(), view.scope().code(), view.includesUnpublished());
    }
}
