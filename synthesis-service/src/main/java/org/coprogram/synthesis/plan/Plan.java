package org.coprogram.synthesis.plan;

import java.time.LocalDate;
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
import jakarta.persistence.Version;

import org.coprogram.common.persistence.StringListConverter;
import org.coprogram.contracts.Phase;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    @Id
    public UUID id;

    public String region;

    public String title;

    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Enumerated(EnumType.STRING)
    public Phase phase;

    @Convert(converter = ThemesConverter.class)
    public List<Theme> themes;

    @Convert(converter = StringListConverter.class)
    public List<String> leps;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Convert(converter = TimelineConverter.class)
    public List<PlannedPhase> timeline;

    @Column(name = "adoption_resolution")
    public String adoptionResolution;

    @Column(name = "adoption_date")
    public LocalDate adoptionDate;

    @Column(name = "adoption_url")
    public String adoptionUrl;

    /**
     * The region's territory version the plan uses (docs/territories.md): the one in force when it was created, until
     * region staff move it. Null only for a plan older than territory versions, until start-up gives it the first.
     */
    @Column(name = "territory_version")
    public Integer territoryVersion;

    @Version
    public int version;
}
