package org.coprogram.synthesis.synthesis;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.analysis.AnalysisService;
import org.coprogram.synthesis.clusteredit.ClusterEditService;
import org.coprogram.synthesis.report.ReportRenderer;
import org.coprogram.synthesis.traceability.UptakeEquity;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The synthesis report of a view, rendered once per scope and read-model version: rendering (above all the PDF) is
 * the costliest read anyone can ask for without logging in, so concurrent requests share one rendering and later
 * ones get the kept document until an event moves the plan's read model, a cluster edit or the plan's uptake changes.
 */
@ApplicationScoped
public class RenderedReports {

    /**
     * {@code edits}: the revision of the plan's cluster edits, so an edit made or undone renders anew; {@code uptake}:
     * the plan's uptake equity the report shows, which a link or an answer changes without moving the read model's
     * version (null when the view has none).
     */
    private record Key(UUID planId, String level, String code, boolean unpublished, long edits,
            UptakeEquity.Uptake uptake) {
    }

    private final AnalysisService analysis;
    private final ClusterEditService edits;
    private final ReportRenderer renderer;
    private final VersionedCache<Key, String> html = new VersionedCache<>(200);
    private final VersionedCache<Key, byte[]> pdf = new VersionedCache<>(50);

    public RenderedReports(AnalysisService analysis, ClusterEditService edits, ReportRenderer renderer,
            MeterRegistry registry) {
        this.analysis = analysis;
        this.edits = edits;
        this.renderer = renderer;
        FunctionCounter.builder("synthesis.report.renderings", pdf, VersionedCache::computations).tag("format", "pdf")
                .description("Synthesis reports rendered (requests for a version already rendered share one)")
                .register(registry);
        FunctionCounter.builder("synthesis.report.renderings", html, VersionedCache::computations)
                .tag("format", "html").register(registry);
    }

    public Uni<String> html(SynthesisView view) {
        return edits.revision(view.planId()).flatMap(revision -> html(view, revision));
    }

    private Uni<String> html(SynthesisView view, long revision) {
        return html.get(key(view, revision), view.version(), () -> analysis
                .analysis(view.planId(), view.scope(), view.version(), view.includesUnpublished())
                .flatMap(result -> edits.served(view.planId(), view.scope(), view.version(),
                        view.includesUnpublished(), result))
                .flatMap(served -> edits.active(view.planId(), view.scope())
                        .map(active -> renderer.html(view, served, active))));
    }

    public Uni<byte[]> pdf(SynthesisView view) {
        return edits.revision(view.planId()).flatMap(revision -> pdf.get(key(view, revision), view.version(),
                () -> html(view, revision).emitOn(Infrastructure.getDefaultWorkerPool()).map(renderer::pdf)));
    }

    private static Key key(SynthesisView view, long revision) {
        return new Key(view.planId(), view.scope().level(), view.scope().code(), view.includesUnpublished(),
                revision, view.uptake());
    }
}
