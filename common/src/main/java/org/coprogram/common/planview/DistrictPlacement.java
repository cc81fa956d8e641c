package org.coprogram.common.planview;

import org.coprogram.common.territory.TerritoryCatalog;

import io.smallrye.mutiny.Uni;

/**
 * A plan moved to another territory version: the rows of one table of the service take the district of their
 * municipality in the new version, so district filters, facets and the district operators who may act follow the plan
 * (docs/territories.md). Each service names its table in a subclass.
 */
public abstract class DistrictPlacement implements PlanTerritoryListener {

    private final String table;
    private final DistrictPlacementRepository placements;

    protected DistrictPlacement(String table, DistrictPlacementRepository placements) {
        this.table = table;
        this.placements = placements;
    }

    @Override
    public Uni<Void> territoryChanged(PlanView plan, TerritoryCatalog territory) {
        return placements.placeDistricts(table, plan.id, territory.municipalities(plan.region));
    }
}
