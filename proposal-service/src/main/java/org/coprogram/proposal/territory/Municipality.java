package org.coprogram.proposal.territory;

/** A comune with the district it belongs to, if the region's composition file assigns one. */
public record Municipality(String istatCode, String name, String region, String provinceCode, String districtCode) {
}
