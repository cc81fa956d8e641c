package org.coprogram.synthesis.synthesis;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.synthesis.analysis.AnalysisService;
import org.coprogram.synthesis.analysis.TextAnalysis;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanResource;
import org.coprogram.synthesis.readmodel.ReadModelRebuild;
import org.coprogram.synthesis.report.OpenDataCsv;
import org.coprogram.synthesis.report.ReportRenderer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

@Cancellable(false)
@Path("/api/plans/{planId}/synthesis")
@Tag(name = "Sintesi")
public class SynthesisResource {

    static final String PDF = "application/pdf";
    static final String CSV = "text/csv";

    /** The text analysis with the read model it was computed from. */
    public record ClustersView(UUID planId, Scope scope, long version, TextAnalysis analysis) {
    }

    public record Rebuilt(UUID planId, int events, long version) {
    }

    private final SynthesisService synthesis;
    private final AnalysisService analysis;
    private final ReportRenderer renderer;
    private final ReadModelRebuild rebuild;
    private final AuditTrail audit;
    private final Caller caller;

    public SynthesisResource(SynthesisService synthesis, AnalysisService analysis, ReportRenderer renderer,
            ReadModelRebuild rebuild, AuditTrail audit, Caller caller) {
        this.synthesis = synthesis;
        this.analysis = analysis;
        this.renderer = renderer;
        this.rebuild = rebuild;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sintesi dei contributi per territorio, area, categoria e tipo, con partecipazione")
    public Uni<SynthesisView> get(@PathParam("planId") String planId, @QueryParam("level") String level,
            @QueryParam("code") String code) {
        return synthesis.synthesis(PlanResource.parseId(planId), level, code);
    }

    @GET
    @Path("clusters")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Gruppi di contributi simili, parole chiave e testi quasi identici")
    public Uni<ClustersView> clusters(@PathParam("planId") String planId, @QueryParam("level") String level,
            @QueryParam("code") String code) {
        return synthesis.synthesis(PlanResource.parseId(planId), level, code)
                .flatMap(view -> analysis.analysis(view.planId(), view.scope(), view.version())
                        .map(result -> new ClustersView(view.planId(), view.scope(), view.version(), result)));
    }

    @GET
    @Path("report")
    @PermitAll
    @Produces({MediaType.TEXT_HTML, PDF, CSV, MediaType.APPLICATION_JSON})
    @Operation(summary = "Documento di sintesi (HTML, PDF) e dati aperti (CSV, JSON)")
    public Uni<Response> report(@PathParam("planId") String planId, @QueryParam("level") String level,
            @QueryParam("code") String code, @QueryParam("format") String format, HttpHeaders headers) {
        String chosen = format(format, headers);
        return synthesis.synthesis(PlanResource.parseId(planId), level, code).flatMap(view -> switch (chosen) {
            case "csv" -> Uni.createFrom().item(download(OpenDataCsv.of(view), CSV + "; charset=UTF-8",
                    fileName(view, "csv")));
            case "json" -> analysis.analysis(view.planId(), view.scope(), view.version())
                    .map(result -> download(Map.of("synthesis", view, "clusters", result),
                            MediaType.APPLICATION_JSON, fileName(view, "json")));
            default -> analysis.analysis(view.planId(), view.scope(), view.version()).flatMap(result -> {
                String html = renderer.html(view, result);
                if (!"pdf".equals(chosen)) {
                    return Uni.createFrom().item(Response.ok(html, MediaType.TEXT_HTML + "; charset=UTF-8").build());
                }
                return Uni.createFrom().item(() -> renderer.pdf(html))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .map(pdf -> download(pdf, PDF, fileName(view, "pdf")));
            });
        });
    }

    @POST
    @Path("rebuild")
    @RolesAllowed(Caller.REGION_STAFF)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ricostruisce la sintesi del piano rileggendo tutti gli eventi (personale regionale)")
    public Uni<Rebuilt> rebuild(@PathParam("planId") String planId) {
        UUID id = PlanResource.parseId(planId);
        return synthesis.plan(id).invoke(plan -> new PlanAccess(caller).requireRegionStaff(plan))
                .chain(() -> rebuild.rebuild(id))
                .call(events -> audited(id, events))
                .flatMap(events -> synthesis.synthesis(id, null, null)
                        .map(view -> new Rebuilt(id, events, view.version())));
    }

    @WithTransaction
    Uni<Void> audited(UUID planId, int events) {
        return audit.record(caller.accountId(), "synthesis.rebuild", "plan", planId.toString(), events + " eventi")
                .replaceWithVoid();
    }

    private static String format(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format) {
                case "html", "pdf", "csv", "json" -> format;
                default -> throw ProblemException.badRequest("Parametro non valido: format",
                        List.of(new Violation("format", "formato non valido: html, pdf, csv o json")));
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(PDF)) && !type.isWildcardType()) {
                return "pdf";
            }
            if (type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType()) {
                return "csv";
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return "json";
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return "html";
            }
        }
        return "html";
    }

    private static Response download(Object body, String type, String name) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static String fileName(SynthesisView view, String extension) {
        return "sintesi-" + view.scope().level() + "-" + view.scope().code().toLowerCase(java.util.Locale.ROOT) + "."
                + extension;
    }
}
