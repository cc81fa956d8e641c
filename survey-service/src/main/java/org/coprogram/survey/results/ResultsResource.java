package org.coprogram.survey.results;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.PathIds;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api")
@Tag(name = "Questionari", description = "Questionari del piano: bozze, pubblicazione, risposte, risultati aggregati")
@PermitAll
public class ResultsResource {

    private final ResultsService results;

    public ResultsResource(ResultsService results) {
        this.results = results;
    }

    @GET
    @Path("surveys/{id}/results")
    @Operation(operationId = "getSurveyResults", summary = "Risultati aggregati della regione, di una provincia, di un ambito o di una categoria (uno alla "
            + "volta); nessun dato, né differenza tra dati, conta meno di 5 persone (docs/privacy.md)")
    public Uni<ResultsView> results(@PathParam("id") String id, @QueryParam("province") String province,
            @QueryParam("district") String district, @QueryParam("category") String category) {
        return results.results(PathIds.parse(id, "Questionario non trovato"), filters(province, district, category));
    }

    @GET
    @Path("surveys/{id}/results.csv")
    @Produces("text/csv")
    @Operation(operationId = "getSurveyResultsCsv", summary = "Risultati aggregati in CSV (open data), con gli stessi filtri e oscuramenti")
    public Uni<Response> resultsCsv(@PathParam("id") String id, @QueryParam("province") String province,
            @QueryParam("district") String district, @QueryParam("category") String category) {
        return results.results(PathIds.parse(id, "Questionario non trovato"), filters(province, district, category))
                .map(view -> Response.ok(ResultsCsv.of(view), "text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"risultati-" + id + ".csv\"").build());
    }

    private static Filters filters(String province, String district, String category) {
        return new Filters(blankToNull(province), blankToNull(district), blankToNull(category));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
