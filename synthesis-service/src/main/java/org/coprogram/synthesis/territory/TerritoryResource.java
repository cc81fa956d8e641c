package org.coprogram.synthesis.territory;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.Created;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.territory.District;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.synthesis.territory.TerritoryView.DistrictView;
import org.coprogram.synthesis.territory.TerritoryView.MunicipalityView;
import org.coprogram.synthesis.territory.TerritoryView.ProvinceView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * Each region's territory (docs/territories.md): read by anyone, as the version in force or any other; versions
 * uploaded by that region's staff as a CSV body, checked whole before anything is written.
 */
@Cancellable(false)
@Path("/api/territories")
@Tag(name = "Territori", description = "Comuni e ambiti territoriali di una regione, per versione")
@Produces(MediaType.APPLICATION_JSON)
public class TerritoryResource {

    static final String CSV = "text/csv";

    @Inject
    IdempotentCreates creates;

    private final TerritoryVersions versions;
    private final TerritoryConfig config;
    private final Caller caller;

    public TerritoryResource(TerritoryVersions versions, TerritoryConfig config, Caller caller) {
        this.versions = versions;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @Path("{region}")
    @PermitAll
    @Operation(operationId = "getTerritory", summary = "Province, ambiti e comuni di una regione, con la popolazione,"
            + " come li ha una versione dei territori (quella in vigore, se non se ne chiede un'altra); i comuni senza"
            + " ambito non sono collocati")
    public Uni<TerritoryView> get(@PathParam("region") String region,
            @Parameter(description = "Numero della versione; senza, quella in vigore") @QueryParam("version") Integer version) {
        return versions.chosen(region, version).map(chosen -> view(region, chosen.catalog(), chosen.view()));
    }

    @GET
    @Path("{region}/versions")
    @PermitAll
    @Operation(operationId = "listTerritoryVersions", summary = "Le versioni dei territori di una regione, dalla più"
            + " recente, con la loro nota di provenienza e quale è in vigore")
    public Uni<Page<VersionView>> list(@PathParam("region") String region, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return versions.list(region, PageRequest.of(page, size));
    }

    @GET
    @Path("{region}/versions/{version}")
    @PermitAll
    @Operation(operationId = "getTerritoryVersion", summary = "Una versione dei territori: la tabella dei comuni e,"
            + " per provincia, gli ambiti con i loro comuni e i comuni non collocati")
    public Uni<VersionDetail> version(@PathParam("region") String region, @PathParam("version") String version) {
        return versions.detail(region, number(version));
    }

    @POST
    @Path("{region}/versions")
    @RolesAllowed(Caller.REGION_STAFF)
    // Any type reaches the method, which refuses all but CSV and plain text once it knows who asks: a caller who may
    // not upload learns that (401/403), not which bodies the endpoint reads.
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "uploadTerritoryVersion", summary = "Carica una nuova versione dei territori della"
            + " propria regione (personale regionale): una composizione degli ambiti (le colonne dei file forniti"
            + " con il progetto) o un file di popolazione (istat_code,name,population). Il file si applica intero"
            + " o per niente: ogni errore torna con la sua riga e il motivo")
    public Uni<Response> upload(@PathParam("region") String region,
            @Parameter(description = "Da quando i nuovi piani la usano, AAAA-MM-GG", required = true) @QueryParam("effectiveFrom") String effectiveFrom,
            @Parameter(description = "Chi ha fornito i dati e quanto sono affidabili (1-1000 caratteri)", required = true) @QueryParam("note") String note,
            @Parameter(description = "Per un file di popolazione: la data a cui si riferisce, AAAA-MM-GG") @QueryParam("populationAsOf") String populationAsOf,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @HeaderParam("Content-Type") String contentType,
            @RequestBody(description = "Il file CSV, in UTF-8", content = @Content(mediaType = CSV)) byte[] body) {
        TerritoryVersions.requireRegion(region);
        TerritoryVersions.requireStaff(caller, region);
        if (!csv(contentType)) {
            throw new ProblemException(415, "Formato non supportato",
                    "Il file si carica come text/csv (o text/plain), in UTF-8", List.of());
        }
        byte[] file = body == null ? new byte[0] : body;
        if (file.length > config.uploadMaxBytes()) {
            throw new ProblemException(413, "File troppo grande", "Il file supera il limite di "
                    + config.uploadMaxBytes() / 1024 + " KB: una composizione regionale completa ne occupa molti meno",
                    List.of());
        }
        TerritoryVersions.Upload upload = new TerritoryVersions.Upload(region, file, effectiveFrom, note,
                populationAsOf);
        return creates.create("territory.upload", idempotencyKey,
                Arrays.asList(region, effectiveFrom, note, populationAsOf, TerritoryVersions.sha256(file)),
                () -> versions.upload(upload, caller).map(view -> Created
                        .at("/api/territories/" + region + "/versions/" + view.version(), view)));
    }

    private static boolean csv(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return type.equals(CSV) || type.equals(MediaType.TEXT_PLAIN);
    }

    /** A path's version number; anything else names no version (404, as an unknown id would). */
    static int number(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the 404
        }
        throw ProblemException.notFound("Versione dei territori non trovata");
    }

    private static TerritoryView view(String region, TerritoryCatalog catalog, VersionView version) {
        List<Municipality> municipalities = catalog.municipalities(region);
        List<ProvinceView> provinces = catalog.provinces(region).stream().map(p -> {
            List<Municipality> members = municipalities.stream()
                    .filter(m -> m.provinceCode().equals(p.code())).toList();
            return new ProvinceView(p.code(), p.name(), population(members), members.size());
        }).toList();
        List<DistrictView> districts = catalog.districts(region).stream().map(d -> districtView(catalog, d)).toList();
        int unplaced = (int) municipalities.stream().filter(m -> m.districtCode() == null).count();
        return new TerritoryView(region, population(municipalities), provinces, districts,
                municipalities.stream().map(m -> new MunicipalityView(m.istatCode(), m.name(), m.provinceCode(),
                        m.districtCode(), m.population())).toList(),
                version, unplaced);
    }

    private static DistrictView districtView(TerritoryCatalog catalog, District district) {
        List<Municipality> members = district.municipalities().stream()
                .map(code -> catalog.municipality(code).orElseThrow()).toList();
        return new DistrictView(district.code(), district.name(),
                members.stream().map(Municipality::provinceCode).distinct().sorted().toList(), population(members),
                district.municipalities());
    }

    private static int population(List<Municipality> municipalities) {
        return municipalities.stream().mapToInt(Municipality::population).sum();
    }
}
