package org.coprogram.proposal.plan;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.coprogram.common.persistence.StringListConverter;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** What this service needs to know of a plan: region, phase and theme codes. */
@Entity
@Table(name = "plan_view")
public class PlanView extends PanacheEntityBase {

    public static final String CONSULTATION = "CONSULTATION";

    @Id
    public UUID id;

    public String region;

    public String title;

    public String phase;

    @Convert(converter = StringListConverter.class)
    public List<String> themes;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
