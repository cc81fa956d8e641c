package org.coprogram.common.territory;

/** A comune: ISTAT code, 2011 census population, and its district where the region's composition assigns one. */
public record Municipality(String istatCode, String name, String region, String provinceCode, String provinceName,
        int population, String districtCode) {
}
