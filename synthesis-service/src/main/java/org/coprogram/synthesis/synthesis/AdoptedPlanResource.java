package org.coprogram.synthesis.synthesis;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.synthesis.plan.PlanResource;
import org.coprogram.synthesis.report.AdoptedPlanRenderer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The adopted plan as a public document (HTML, or tagged PDF/UA-1): only once the Giunta's resolution is recorded; the
 * consultation figures are the public synthesis of the whole region, never the restricted social reports.
 */
@Cancellable(false)
@Path("/api/plans/{planId}/document")
@Tag(name = "Piani")
public class AdoptedPlanResource {

    private final SynthesisService synthesis;
    private final AdoptedPlanRenderer renderer;

    public AdoptedPlanResource(SynthesisService synthesis, AdoptedPlanRenderer renderer) {
        this.synthesis = synthesis;
        this.renderer = renderer;
    }

    @GET
    @PermitAll
    @Produces({MediaType.TEXT_HTML, SynthesisResource.PDF})
    @Operation(summary = "Il piano adottato come documento accessibile (HTML, PDF/UA); 404 finché non è adottato")
    public Uni<Response> document(@PathParam("planId") String planId, @QueryParam("format") String format) {
        boolean pdf = pdf(format);
        UUID id = PlanResource.parseId(planId);
        return synthesis.plan(id).flatMap(plan -> {
            if (plan.adoptionResolution == null) {
                throw ProblemException.notFound("Il piano non è ancora stato adottato");
            }
            return synthesis.synthesis(id, null, null).map(view -> renderer.html(plan, view));
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
