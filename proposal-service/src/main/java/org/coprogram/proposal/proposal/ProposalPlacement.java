package org.coprogram.proposal.proposal;

import jakarta.inject.Singleton;

import org.coprogram.common.planview.DistrictPlacement;
import org.coprogram.common.planview.DistrictPlacementRepository;

/**
 * A plan moved to another territory version: its proposals take the districts of the new one, so the lists' district
 * filter and facets follow the plan (docs/territories.md). No proposal event: the plan's own event says what changed.
 */
@Singleton
public class ProposalPlacement extends DistrictPlacement {

    public ProposalPlacement(DistrictPlacementRepository placements) {
        super("proposal", placements);
    }
}
