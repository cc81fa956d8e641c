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

import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.synthesis.analysis.AnalysisService;
import org.coprogram.synthesis.clusteredit.ClusterEditService;
import org.coprogram.synthesis.clusteredit.EditedAnalysis;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanResource;
import org.coprogram.synthesis.readmodel.ReadModelRebuild;
import org.coprogram.synthesis.readmodel.RebuildJob;
import org.coprogram.synthesis.report.OpenDataCsv;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api/plans/{planId}/synthesis")
@Tag(name = "Sintesi", description = "La sintesi della consultazione: gruppi tematici, equità, relazione")
public class SynthesisResource {

    public static final String PDF = "application/pdf";
    static final String CSV = "text/csv";
    static final String INCLUDE = "include";
    static final String UNPUBLISHED = "unpublished";

    /**
     * The text analysis with the read model it was computed from, and the region's edits applied to its clusters
     * (docs/synthesis.md, "Region edits to clusters").
     */
    public record ClustersView(UUID planId, Scope scope, long version, EditedAnalysis analysis) {
    }

    private final SynthesisService synthesis;
    private final AnalysisService analysis;
    private final ClusterEditService edits;
    private final RenderedReports reports;
    private final ReadModelRebuild rebuild;
    private final Caller caller;

    public SynthesisResource(SynthesisService synthesis, AnalysisService analysis, ClusterEditService edits,
            RenderedReports reports, ReadModelRebuild rebuild, Caller caller) {
        this.synthesis = synthesis;
        this.analysis = analysis;
        this.edits = edits;
        this.reports = reports;
        this.rebuild = rebuild;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSynthesis", summary = "Sintesi dei contributi per territorio, area, categoria e tipo, con partecipazione; "
            + "include=unpublished conta anche le relazioni sociali non ancora pubblicate (solo la Regione del piano)")
    public Uni<SynthesisView> get(@PathParam("planId") String planId, @QueryParam("level") String level,
            @QueryParam("code") String code, @QueryParam(INCLUDE) String include) {
        UUID id = PlanResource.parseId(planId);
        return unpublished(id, include).flatMap(unpublished -> synthesis.synthesis(id, level, code, unpublished));
    }

    @GET
    @Path("clusters")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listSynthesisClusters", summary = "Gruppi di contributi simili, parole chiave e testi quasi identici; "
            + "include=unpublished anche dalle relazioni sociali non ancora pubblicate (solo la Regione del piano)")
    public Uni<ClustersView> clusters(@PathParam("planId") String planId, @QueryParam("level") String level,
            @QueryParam("code") String code, @QueryParam(INCLUDE) String include) {
        UUID id = PlanResource.parseId(planId);
        return unpublished(id, include).flatMap(unpublished -> synthesis.synthesis(id, level, code, unpublished))
                .flatMap(view -> edited(view)
                        .map(result -> new ClustersView(view.planId(), view.scope(), view.version(), result)));
    }

    @GET
    @Path("report")
    @PermitAll
    @Produces({MediaType.TEXT_HTML, PDF, CSV, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getSynthesisReport", summary = "Documento di sintesi (HTML, PDF) e dati aperti (CSV, JSON)")
    public Uni<Response> report(@PathParam("planId") String planId, @QueryParam("level") String level,
            @QueryParam("code") String code, @QueryParam("format") String format, @QueryParam(INCLUDE) String include,
            HttpHeaders headers) {
        String chosen = format(format, headers);
        UUID id = PlanResource.parseId(planId);
        return unpublished(id, include).flatMap(unpublished -> synthesis.synthesis(id, level, code, unpublished))
                .flatMap(view -> switch (chosen) {
                    case "csv" -> Uni.createFrom().item(download(OpenDataCsv.of(view), CSV + "; charset=UTF-8",
                            fileName(view, "csv")));
                    case "json" -> edited(view).map(result -> download(Map.of("synthesis", view, "clusters", result),
                            MediaType.APPLICATION_JSON, fileName(view, "json")));
                    case "pdf" -> reports.pdf(view).map(pdf -> download(pdf, PDF, fileName(view, "pdf")));
                    default -> reports.html(view)
                            .map(html -> Response.ok(html, MediaType.TEXT_HTML + "; charset=UTF-8").build());
                });
    }

    /** The view's text analysis with the region's edits to its clusters applied. */
    private Uni<EditedAnalysis> edited(SynthesisView view) {
        return analysis.analysis(view.planId(), view.scope(), view.version(), view.includesUnpublished())
                .flatMap(result -> edits.served(view.planId(), view.scope(), view.version(),
                        view.includesUnpublished(), result));
    }

    /**
     * Whether the caller asked for the view that also counts unpublished social reports: refused (401/403) unless the
     * caller is region staff of the plan's region.
     */
    private Uni<Boolean> unpublished(UUID planId, String include) {
        if (include == null || include.isBlank()) {
            return Uni.createFrom().item(false);
        }
        if (!UNPUBLISHED.equals(include)) {
            throw ProblemException.badRequest("Parametro non valido: include",
                    List.of(new Violation(INCLUDE, "valore non ammesso: solo " + UNPUBLISHED)));
        }
        return synthesis.plan(planId).map(plan -> {
            new PlanAccess(caller).requireRegionStaff(plan);
            return true;
        });
    }

    @POST
    @Path("rebuild")
    @RolesAllowed(Caller.REGION_STAFF)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rebuildSynthesis", summary = "Avvia la ricostruzione della sintesi del piano rileggendo tutti gli eventi (personale "
            + "regionale): 202 con il lavoro, da seguire all'indirizzo in Location; 409 se un'altra è in corso")
    public Uni<Response> rebuild(@PathParam("planId") String planId) {
        UUID id = PlanResource.parseId(planId);
        return synthesis.plan(id).invoke(plan -> new PlanAccess(caller).requireRegionStaff(plan))
                .chain(() -> rebuild.start(id, caller.accountId()))
                // Relative, as the caller sees the API: an absolute one would name this service's host, not the gateway.
                .map(job -> Response.accepted(job)
                        .header(HttpHeaders.LOCATION, "/api/plans/" + id + "/synthesis/rebuild/" + job.id()).build());
    }

    @GET
    @Path("rebuild/{jobId}")
    @RolesAllowed(Caller.REGION_STAFF)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSynthesisRebuild", summary = "Stato di una ricostruzione: in corso, riuscita o non riuscita, record letti per topic e "
            + "risultato (personale regionale)")
    public Uni<RebuildJob> rebuildJob(@PathParam("planId") String planId, @PathParam("jobId") String jobId) {
        UUID id = PlanResource.parseId(planId);
        UUID job = PathIds.parse(jobId, "Ricostruzione non trovata");
        return synthesis.plan(id).invoke(plan -> new PlanAccess(caller).requireRegionStaff(plan))
                .chain(() -> rebuild.job(job))
                .map(found -> found.filter(j -> j.planId().equals(id))
                        .orElseThrow(() -> ProblemException.notFound("Ricostruzione non trovata")));
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
