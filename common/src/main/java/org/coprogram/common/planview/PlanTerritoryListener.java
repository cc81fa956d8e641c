package org.coprogram.common.planview;

import org.coprogram.common.territory.TerritoryCatalog;

import io.smallrye.mutiny.Uni;

/**
 * What a service does when a plan moves to another territory version: place again, by the new districts, the rows it
 * placed by the old ones. Called in the transaction that records the event, after the plan's view has the new version.
 */
public interface PlanTerritoryListener {

    Uni<Void> territoryChanged(PlanView plan, TerritoryCatalog territory);
}
