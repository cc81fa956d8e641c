package org.coprogram.meeting.meeting;

import jakarta.inject.Singleton;

import org.coprogram.common.planview.DistrictPlacement;
import org.coprogram.common.planview.DistrictPlacementRepository;

/**
 * A plan moved to another territory version: its meetings take the district of their municipality in the new one, so
 * the district filter and the district operators who organise them follow the plan (docs/territories.md). A meeting
 * that region staff had put in another district than its municipality's takes its municipality's.
 */
@Singleton
public class MeetingPlacement extends DistrictPlacement {

    public MeetingPlacement(DistrictPlacementRepository placements) {
        super("meeting", placements);
    }
}
