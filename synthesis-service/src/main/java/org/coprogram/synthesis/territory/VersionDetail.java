package org.coprogram.synthesis.territory;

import java.util.List;

/**
 * One version whole: a row per municipality of the region (the table), and the same grouped by province, each
 * province with its districts and the municipalities no district of the version places.
 */
public record VersionDetail(VersionView version, List<Row> rows, List<ProvinceGroup> provinces) {

    /** A municipality, its district (null when unplaced) and where the placement comes from. */
    public record Row(String istatCode, String name, String province, String districtCode, String districtName,
            int population, String source, Integer line) {
    }

    public record ProvinceGroup(String code, String name, int municipalities, int placed,
            List<DistrictGroup> districts, List<Place> unplaced) {
    }

    /** A district's members in one province (a district across two provinces appears under each). */
    public record DistrictGroup(String code, String name, String leadMunicipality, int population,
            List<Place> municipalities) {
    }

    public record Place(String istatCode, String name, int population) {
    }
}
