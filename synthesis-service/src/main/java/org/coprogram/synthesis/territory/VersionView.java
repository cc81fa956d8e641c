package org.coprogram.synthesis.territory;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.coprogram.synthesis.territory.TerritoryVersionRepository.VersionRow;

/**
 * A territory version as the API lists it.
 *
 * @param kind {@code SHIPPED} (the composition the project ships, the region's first version), {@code COMPOSITION} or
 *        {@code POPULATION} (which of the two an upload changed; the other comes from the version before)
 * @param effectiveFrom from this day new plans of the region take it, while it is the latest in force
 * @param note who supplied it and how far it can be trusted; the shipped one says it is partial and not official
 * @param inForce whether a plan created today takes this version
 * @param plans how many plans of the region use it
 */
public record VersionView(String region, int version, String kind, LocalDate effectiveFrom, String note,
        String populationSource, OffsetDateTime createdAt, int districts, int placedMunicipalities,
        int unplacedMunicipalities, int plans, boolean inForce, String fileSha256) {

    static VersionView of(VersionRow row, int inForce) {
        return new VersionView(row.region(), row.version(), row.kind(), row.effectiveFrom(), row.note(),
                row.populationSource(), row.createdAt(), row.districts(), row.placed(), row.unplaced(), row.plans(),
                row.version() == inForce, row.fileSha256());
    }
}
