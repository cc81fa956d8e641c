package org.coprogram.survey.response;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api")
@Tag(name = "Questionari", description = "Questionari del piano: bozze, pubblicazione, risposte, risultati aggregati")
public class ResponseExportResource {

    private final ResponseExport export;
    private final Caller caller;

    public ResponseExportResource(ResponseExport export, Caller caller) {
        this.export = export;
        this.caller = caller;
    }

    @GET
    @Path("surveys/{id}/responses.csv")
    @RolesAllowed(Caller.REGION_STAFF)
    @Produces("text/csv")
    @Operation(operationId = "exportSurveyResponses", summary = "Tutte le risposte in CSV, una riga per risposta, con identificativo pseudonimo (Regione)")
    public Uni<Response> csv(@PathParam("id") String id) {
        return export.csv(PathIds.parse(id, "Questionario non trovato"), caller)
                .map(csv -> Response.ok(csv, "text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"risposte-" + id + ".csv\"").build());
    }
}
