package org.coprogram.synthesis.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.coprogram.common.territory.District;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Phase;
import org.coprogram.contracts.Topics;

/** The events of the plan aggregate on {@code coprogram.plans}. Each carries the plan's current state. */
public final class PlanEvents {

    public static final String TOPIC = Topics.PLANS;
    public static final String CREATED = EventTypes.PLAN_CREATED;
    public static final String PHASE_CHANGED = EventTypes.PLAN_PHASE_CHANGED;
    public static final String ADOPTED = EventTypes.PLAN_ADOPTED;
    public static final String TERRITORY_CHANGED = EventTypes.PLAN_TERRITORY_CHANGED;

    private PlanEvents() {
    }

    /** Data of {@code plan.adopted.v1}. */
    public record Adopted(UUID planId, String region, String resolutionNumber, LocalDate resolutionDate,
            String documentUrl) {

        static Adopted of(Plan plan) {
            return new Adopted(plan.id, plan.region, plan.adoptionResolution, plan.adoptionDate, plan.adoptionUrl);
        }
    }

    /** Data of {@code plan.created.v1} and {@code plan.phase-changed.v1}; {@code previousPhase} is null on creation. */
    public record PlanState(UUID planId, String region, String title, LocalDate periodStart, LocalDate periodEnd,
            Phase phase, Phase previousPhase, List<Theme> themes, List<String> leps, Integer territoryVersion) {

        static PlanState of(Plan plan, Phase previousPhase) {
            return new PlanState(plan.id, plan.region, plan.title, plan.periodStart, plan.periodEnd, plan.phase,
                    previousPhase, plan.themes, plan.leps, plan.territoryVersion);
        }
    }

    /**
     * Data of {@code plan.territory-changed.v1}: the version the plan uses from now, with its composition, so that
     * the services placing contributions in districts need no call to this one.
     */
    public record TerritoryChanged(UUID planId, String region, int territoryVersion, Integer previousTerritoryVersion,
            LocalDate effectiveFrom, String note, String populationSource, List<DistrictMembers> districts,
            int unplacedMunicipalities, OffsetDateTime changedAt) {

        static TerritoryChanged of(Plan plan, Integer previous, LocalDate effectiveFrom, String note,
                String populationSource, TerritoryCatalog territory, OffsetDateTime changedAt) {
            List<DistrictMembers> districts = territory.districts(plan.region).stream().map(DistrictMembers::of)
                    .toList();
            int unplaced = (int) territory.municipalities(plan.region).stream()
                    .filter(m -> m.districtCode() == null).count();
            return new TerritoryChanged(plan.id, plan.region, plan.territoryVersion, previous, effectiveFrom, note,
                    populationSource, districts, unplaced, changedAt);
        }
    }

    public record DistrictMembers(String code, String name, List<String> municipalities) {

        static DistrictMembers of(District district) {
            return new DistrictMembers(district.code(), district.name(), district.municipalities());
        }
    }
}
