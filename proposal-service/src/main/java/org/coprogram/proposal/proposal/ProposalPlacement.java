package org.coprogram.proposal.proposal;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.planview.PlanTerritoryListener;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.territory.TerritoryCatalog;

import io.smallrye.mutiny.Uni;

/**
 * A plan moved to another territory version: its proposals take the districts of the new one, so the lists' district
 * filter and facets follow the plan (docs/territories.md). No proposal event: the plan's own event says what changed.
 */
@ApplicationScoped
public class ProposalPlacement implements PlanTerritoryListener {

    private final ProposalRepository proposals;

    public ProposalPlacement(ProposalRepository proposals) {
        this.proposals = proposals;
    }

    @Override
    public Uni<Void> territoryChanged(PlanView plan, TerritoryCatalog territory) {
        Map<String, String> districtOf = new HashMap<>();
        territory.municipalities(plan.region).forEach(m -> districtOf.put(m.istatCode(), m.districtCode()));
        return proposals.placeDistricts(plan.id, districtOf);
    }
}
