package org.coprogram.proposal.organization;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.Created;
import org.coprogram.common.http.PathIds;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/** The registry of organisations per region and their representatives (docs/identity.md, "Verified organisations"). */
@Cancellable(false)
@Path("/api")
@Tag(name = "Organizzazioni", description = "Il registro delle organizzazioni verificate della Regione e i loro rappresentanti")
public class OrganizationResource {

    @Inject
    IdempotentCreates creates;

    private final OrganizationService service;
    private final Caller caller;

    public OrganizationResource(OrganizationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("regions/{region}/organizations")
    @PermitAll
    @Operation(operationId = "listOrganizations", summary = "Le organizzazioni verificate della regione, per nome;"
            + " al personale della Regione anche quelle in attesa di verifica")
    public Uni<Page<OrganizationView>> list(@PathParam("region") String region, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.list(region, PageRequest.of(page, size), caller);
    }

    @POST
    @Path("regions/{region}/organizations")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "createOrganization", summary = "Il personale della Regione registra un'organizzazione"
            + " (da verificare)")
    public Uni<Response> create(@PathParam("region") String region,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewOrganization body) {
        return creates.create("organization.create", idempotencyKey, List.of(region, body),
                () -> service.create(region, body, caller)
                        .map(created -> Created.at("/api/organizations/" + created.id(), created)));
    }

    @GET
    @Path("organizations/{id}")
    @PermitAll
    @Operation(operationId = "getOrganization", summary = "Un'organizzazione del registro")
    public Uni<OrganizationView> get(@PathParam("id") String id) {
        return service.get(PathIds.parse(id, OrganizationService.NOT_FOUND), caller);
    }

    @POST
    @Path("organizations/{id}/verification")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "verifyOrganization", summary = "Il personale della Regione verifica l'organizzazione")
    public Uni<OrganizationView> verify(@PathParam("id") String id) {
        return service.verify(PathIds.parse(id, OrganizationService.NOT_FOUND), caller);
    }

    @GET
    @Path("organizations/{id}/representatives")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "listOrganizationRepresentatives", summary = "Chi rappresenta l'organizzazione (per il"
            + " personale della Regione e per i suoi rappresentanti)")
    public Uni<List<RepresentativeView>> representatives(@PathParam("id") String id) {
        return service.representatives(PathIds.parse(id, OrganizationService.NOT_FOUND), caller);
    }

    @POST
    @Path("organizations/{id}/representatives")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "addOrganizationRepresentative", summary = "Rende una persona rappresentante"
            + " dell'organizzazione: il suo account riceve l'attributo organization")
    public Uni<Response> addRepresentative(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewRepresentative body) {
        UUID organization = PathIds.parse(id, OrganizationService.NOT_FOUND);
        return creates.create("organization.representative.add", idempotencyKey, List.of(organization, body),
                () -> service.addRepresentative(organization, body, caller).map(added -> Created.at(
                        "/api/organizations/" + organization + "/representatives/" + added.username(), added)));
    }

    @DELETE
    @Path("organizations/{id}/representatives/{username}")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "removeOrganizationRepresentative", summary = "La persona smette di rappresentare"
            + " l'organizzazione")
    public Uni<Response> removeRepresentative(@PathParam("id") String id, @PathParam("username") String username) {
        return service.removeRepresentative(PathIds.parse(id, OrganizationService.NOT_FOUND), username, caller)
                .replaceWith(Response.noContent().build());
    }
}
