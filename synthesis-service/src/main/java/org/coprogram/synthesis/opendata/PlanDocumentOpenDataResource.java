package org.coprogram.synthesis.opendata;

import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.plan.PlanResource;
import org.coprogram.synthesis.plan.Theme;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentVersion;
import org.coprogram.synthesis.plandocument.PlanDocumentService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The measures and resources of the plan's adopted version, or of its latest published one before adoption, as open
 * data (docs/open-data.md): public, with the licence in a {@code Link} header; 404 while no version is published.
 */
@Cancellable(false)
@Path("/api/plans/{planId}/document/open-data")
@Tag(name = "Dati aperti", description = "Il catalogo DCAT-AP_IT dei dati aperti pubblicati")
public class PlanDocumentOpenDataResource {

    static final String CSV = "text/csv; charset=UTF-8";

    private final PlanRepository plans;
    private final PlanDocumentService documents;
    private final OpenDataConfig config;

    public PlanDocumentOpenDataResource(PlanRepository plans, PlanDocumentService documents, OpenDataConfig config) {
        this.plans = plans;
        this.documents = documents;
        this.config = config;
    }

    @GET
    @Path("measures.json")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPlanMeasuresOpenData", summary = "Gli interventi della versione adottata (o"
            + " dell'ultima pubblicata) del piano in JSON, con id stabili, risorse e totali al centesimo")
    public Uni<Response> measuresJson(@PathParam("planId") String planId) {
        return published(planId, (version, labels) -> download(
                PlanDocumentOpenData.json(version, labels, config.license().uri()), MediaType.APPLICATION_JSON,
                version, "interventi.json"));
    }

    @GET
    @Path("measures.csv")
    @PermitAll
    @Produces("text/csv")
    @Operation(operationId = "getPlanMeasuresCsv", summary = "Gli interventi della versione adottata (o dell'ultima"
            + " pubblicata) del piano in CSV, una riga per intervento; colonne in docs/open-data.md")
    public Uni<Response> measuresCsv(@PathParam("planId") String planId) {
        return published(planId, (version, labels) -> download(PlanDocumentOpenData.measuresCsv(version, labels),
                CSV, version, "interventi.csv"));
    }

    @GET
    @Path("resources.csv")
    @PermitAll
    @Produces("text/csv")
    @Operation(operationId = "getPlanResourcesCsv", summary = "Le risorse della versione adottata (o dell'ultima"
            + " pubblicata) del piano in CSV, una riga per intervento, fonte e anno, importi esatti al centesimo")
    public Uni<Response> resourcesCsv(@PathParam("planId") String planId) {
        return published(planId, (version, labels) -> download(PlanDocumentOpenData.resourcesCsv(version), CSV,
                version, "risorse.csv"));
    }

    @WithSession
    Uni<Response> published(String planId,
            java.util.function.BiFunction<DocumentVersion, Function<String, String>, Response> file) {
        UUID plan = PlanResource.parseId(planId);
        return plans.require(plan).flatMap(found -> documents.latest(plan).map(version -> {
            if (version == null) {
                throw ProblemException.notFound("Il documento del piano non ha ancora versioni pubblicate");
            }
            Function<String, String> labels = code -> found.themes.stream().filter(t -> t.code().equals(code))
                    .map(Theme::label).findFirst().orElse(code);
            return file.apply(version, labels);
        }));
    }

    private Response download(Object body, String type, DocumentVersion version, String name) {
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"piano-" + version.planId() + "-v"
                        + version.version() + "-" + name + "\"")
                .header("Link", "<" + config.license().uri() + ">; rel=\"license\"").build();
    }
}
