package org.coprogram.synthesis.synthesis;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.synthesis.plan.PlanResource;
import org.coprogram.synthesis.plandocument.PlanDocumentService;
import org.coprogram.synthesis.report.AdoptedPlanRenderer;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The adopted plan as a public document (HTML, or tagged PDF/UA-1): only once the Giunta's resolution is recorded; the
 * consultation figures are the public synthesis of the whole region, never the restricted social reports.
 */
@ApplicationScoped
public class AdoptedPlanDocument {

    private final SynthesisService synthesis;
    private final AdoptedPlanRenderer renderer;
    private final PlanDocumentService documents;

    public AdoptedPlanDocument(SynthesisService synthesis, AdoptedPlanRenderer renderer,
            PlanDocumentService documents) {
        this.documents = documents;
        this.synthesis = synthesis;
        this.renderer = renderer;
    }

    /** Served by {@code PlanDocumentResource}, the one resource of {@code /api/plans/{planId}/document}. */
    public Uni<Response> document(String planId, String format) {
        boolean pdf = pdf(format);
        UUID id = PlanResource.parseId(planId);
        return synthesis.plan(id).flatMap(plan -> {
            if (plan.adoptionResolution == null) {
                throw ProblemException.notFound("Il piano non è ancora stato adottato");
            }
            return synthesis.synthesis(id, null, null).flatMap(view -> documents.latest(id)
                    .map(version -> renderer.html(plan, view, version)));
        }).flatMap(html -> pdf
                ? Uni.createFrom().item(html).emitOn(Infrastructure.getDefaultWorkerPool()).map(renderer::pdf)
                        .map(bytes -> Response.ok(bytes, SynthesisResource.PDF).header("Content-Disposition",
                                "attachment; filename=\"piano-adottato-" + id + ".pdf\"").build())
                : Uni.createFrom().item(Response.ok(html, MediaType.TEXT_HTML + "; charset=UTF-8").build()));
    }

    private static boolean pdf(String format) {
        if (format == null || format.isBlank() || "html".equals(format)) {
            return false;
        }
        if ("pdf".equals(format)) {
            return true;
        }
        throw ProblemException.badRequest("Parametro non valido: format",
                List.of(new Violation("format", "formato non valido: html o pdf")));
    }
}
