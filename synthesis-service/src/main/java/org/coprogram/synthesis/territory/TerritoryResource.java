package org.coprogram.synthesis.territory;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.territory.District;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.synthesis.territory.TerritoryView.DistrictView;
import org.coprogram.synthesis.territory.TerritoryView.MunicipalityView;
import org.coprogram.synthesis.territory.TerritoryView.ProvinceView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/api/territories")
@Tag(name = "Territori")
public class TerritoryResource {

    private final TerritoryCatalog catalog;

    public TerritoryResource(TerritoryCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("{region}")
    @PermitAll
    @Operation(summary = "Province, ambiti e comuni di una regione, con la popolazione (censimento 2011)")
    public TerritoryView get(@PathParam("region") String region) {
        if (!TerritoryCatalog.REGIONS.contains(region)) {
            throw ProblemException.notFound("Regione non gestita: " + region);
        }
        List<Municipality> municipalities = catalog.municipalities(region);
        List<ProvinceView> provinces = catalog.provinces(region).stream().map(p -> {
            List<Municipality> members = municipalities.stream()
                    .filter(m -> m.provinceCode().equals(p.code())).toList();
            return new ProvinceView(p.code(), p.name(), population(members), members.size());
        }).toList();
        List<DistrictView> districts = catalog.districts(region).stream().map(d -> districtView(d)).toList();
        return new TerritoryView(region, population(municipalities), provinces, districts,
                municipalities.stream().map(m -> new MunicipalityView(m.istatCode(), m.name(), m.provinceCode(),
                        m.districtCode(), m.population())).toList());
    }

    private DistrictView districtView(District district) {
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
