package org.coprogram.synthesis.accountability;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.coprogram.common.http.PathIds;
import org.coprogram.synthesis.accountability.AccountabilityViews.MeasureProgress;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/** A published measure's monitoring, for everybody (docs/plan-document.md, "Accountability"). */
@Cancellable(false)
@Path("/api/measures/{measureId}/progress")
@Tag(name = "Rendicontazione", description = "Avanzamento pubblico degli interventi e del piano adottato")
@Produces(MediaType.APPLICATION_JSON)
public class AccountabilityResource {

    private final AccountabilityService service;

    public AccountabilityResource(AccountabilityService service) {
        this.service = service;
    }

    @GET
    @PermitAll
    @Operation(operationId = "getMeasureProgress", summary = "Un intervento pubblicato con i suoi indicatori: valori"
            + " per ambito nel tempo, valore di partenza, ultimo valore e obiettivo; 404 per un intervento mai"
            + " pubblicato")
    public Uni<MeasureProgress> progress(@PathParam("measureId") String measureId) {
        return service.progress(PathIds.parse(measureId, "Intervento non trovato"));
    }

}
