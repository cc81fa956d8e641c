package org.coprogram.synthesis.socialreport;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.coprogram.common.identity.Caller;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api/plans/{planId}/social-reports")
@Tag(name = "Relazioni sociali", description = "Le relazioni sociali d'ambito")
public class SocialReportResource {

    private final SocialReportService service;
    private final Caller caller;

    public SocialReportResource(SocialReportService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @Path("{districtCode}")
    @RolesAllowed(Caller.DISTRICT_OPERATOR)
    @Operation(operationId = "saveSocialReportDraft", summary = "Salva la bozza della relazione sociale dell'ambito (operatori dell'ambito, fase SOCIAL_REPORT)")
    public Uni<SocialReportView> saveDraft(@PathParam("planId") String planId,
            @PathParam("districtCode") String districtCode,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") SocialReportContent body) {
        return service.saveDraft(id(planId), districtCode, body, access());
    }

    @POST
    @Path("{districtCode}/submit")
    @RolesAllowed(Caller.DISTRICT_OPERATOR)
    @Operation(operationId = "submitSocialReport", summary = "Invia la relazione sociale: da quel momento è in sola lettura")
    public Uni<SocialReportView> submit(@PathParam("planId") String planId,
            @PathParam("districtCode") String districtCode) {
        return service.submit(id(planId), districtCode, access());
    }

    @POST
    @Path("{districtCode}/reopen")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "reopenSocialReport", summary = "Riapre una relazione inviata (personale regionale)")
    public Uni<SocialReportView> reopen(@PathParam("planId") String planId,
            @PathParam("districtCode") String districtCode) {
        return service.reopen(id(planId), districtCode, access());
    }

    @POST
    @Path("publish")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "publishSocialReports", summary = "Rende pubbliche tutte le relazioni inviate (personale regionale)")
    public Uni<Map<String, Integer>> publish(@PathParam("planId") String planId) {
        return service.publishSubmitted(id(planId), access()).map(count -> Map.of("published", count));
    }

    @GET
    @Path("coverage")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "getSocialReportCoverage", summary = "Quali ambiti hanno inviato, hanno una bozza o non hanno iniziato la relazione")
    public Uni<Coverage> coverage(@PathParam("planId") String planId) {
        return service.coverage(id(planId), access());
    }

    @GET
    @Path("{districtCode}")
    @PermitAll
    @Operation(operationId = "getSocialReport", summary = "La relazione sociale di un ambito (Regione e ambito; tutti dopo la pubblicazione)")
    public Uni<SocialReportView> read(@PathParam("planId") String planId,
            @PathParam("districtCode") String districtCode) {
        return service.read(id(planId), districtCode, access());
    }

    private PlanAccess access() {
        return new PlanAccess(caller);
    }

    private static UUID id(String planId) {
        return PlanResource.parseId(planId);
    }
}
