package org.coprogram.synthesis.territory;

import java.util.List;

/**
 * {@code GET /api/territories/{region}}: the hierarchy province → district → municipality with populations, as one
 * version of the region's territory has it ({@code version}: the one in force unless asked for another). A
 * municipality with a null {@code district} is placed in none; {@code unplacedMunicipalities} counts them.
 */
public record TerritoryView(String region, int population, List<ProvinceView> provinces, List<DistrictView> districts,
        List<MunicipalityView> municipalities, VersionView version, int unplacedMunicipalities) {

    public record ProvinceView(String code, String name, int population, int municipalities) {
    }

    public record DistrictView(String code, String name, List<String> provinces, int population,
            List<String> municipalities) {
    }

    public record MunicipalityView(String istatCode, String name, String province, String district, int population) {
    }
}
