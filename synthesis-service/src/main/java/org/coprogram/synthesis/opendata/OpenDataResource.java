package org.coprogram.synthesis.opendata;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Regions;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * A region's DCAT-AP_IT catalogue of its open data, for harvesters such as dati.gov.it: public and anonymous, and
 * listing only what is already public (see {@link OpenDataRepository}).
 */
@Cancellable(false)
@Path("/api/open-data/catalog")
@Tag(name = "Dati aperti", description = "Il catalogo DCAT-AP_IT dei dati aperti pubblicati")
public class OpenDataResource {

    static final String JSON_LD = "application/ld+json";

    private final OpenDataRepository repository;
    private final OpenDataConfig config;

    public OpenDataResource(OpenDataRepository repository, OpenDataConfig config) {
        this.repository = repository;
        this.config = config;
        for (String region : Regions.ALL) {
            if (!config.publishers().containsKey(region)) {
                throw new IllegalStateException("Missing open-data.publishers." + region + ".name and .ipa-code");
            }
        }
    }

    @GET
    @Path("{region}")
    @PermitAll
    @Produces(JSON_LD)
    @Operation(operationId = "getOpenDataCatalog", summary = "Catalogo DCAT-AP_IT (JSON-LD) dei dati aperti pubblicati della regione: sintesi delle "
            + "consultazioni e risultati dei questionari, con licenza e schema")
    public Uni<Response> catalog(@PathParam("region") String region) {
        if (!Regions.isKnown(region)) {
            throw ProblemException.notFound("Regione non trovata");
        }
        return repository.plans(region).flatMap(plans -> repository.surveys(region).flatMap(surveys -> repository
                .documents(region).map(documents -> {
                    Map<String, Object> catalogue = DcatCatalogue.of(new DcatCatalogue.Input(region,
                            config.publishers().get(region), config.license(), config.baseUrl(),
                            LocalDate.now(ZoneId.of("Europe/Rome")), plans, surveys, documents));
                    return Response.ok(catalogue, JSON_LD + "; charset=UTF-8")
                            .header("Link", "<" + config.license().uri() + ">; rel=\"license\"").build();
                })));
    }
}
