package org.coprogram.meeting.meeting;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.planview.PlanTerritoryListener;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.territory.TerritoryCatalog;

import io.smallrye.mutiny.Uni;

/**
 * A plan moved to another territory version: its meetings take the district of their municipality in the new one, so
 * the district filter and the district operators who organise them follow the plan (docs/territories.md). A meeting
 * that region staff had put in another district than its municipality's takes its municipality's.
 */
@ApplicationScoped
public class MeetingPlacement implements PlanTerritoryListener {

    private final MeetingRepository meetings;

    public MeetingPlacement(MeetingRepository meetings) {
        this.meetings = meetings;
    }

    @Override
    public Uni<Void> territoryChanged(PlanView plan, TerritoryCatalog territory) {
        Map<String, String> districtOf = new HashMap<>();
        territory.municipalities(plan.region).forEach(m -> districtOf.put(m.istatCode(), m.districtCode()));
        return meetings.placeDistricts(plan.id, districtOf);
    }
}
