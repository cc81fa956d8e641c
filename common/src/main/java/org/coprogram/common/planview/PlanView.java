package org.coprogram.common.planview;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.coprogram.common.persistence.StringListConverter;
import org.coprogram.contracts.Phase;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A service's local view of a plan (owned by synthesis-service), kept from {@code coprogram.plans}: region, phase,
 * theme codes and the districts of the territory version it uses. A service that enables it lists {@code db/planview} in {@code quarkus.flyway.locations}; access rules on it
 * are in {@link PlanViews}.
 */
@Entity
@Table(name = "plan_view")
public class PlanView extends PanacheEntityBase {

    @Id
    public UUID id;

    public String region;

    public String title;

    @Enumerated(EnumType.STRING)
    public Phase phase;

    @Convert(converter = StringListConverter.class)
    public List<String> themes;

    /** The region's territory version the plan uses; null until this service has heard (then version 1's districts). */
    @Column(name = "territory_version")
    public Integer territoryVersion;

    /** That version's districts ({@link PlanTerritories} reads them). */
    @Convert(converter = PlanDistrictsConverter.class)
    public List<PlanDistrict> districts;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
