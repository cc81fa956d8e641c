package org.coprogram.survey.survey;

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

import org.coprogram.common.planview.PlanDistrict;
import org.coprogram.common.planview.PlanDistrictsConverter;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A questionnaire of a plan: a draft while it is written, then a frozen version that takes responses. */
@Entity
@Table(name = "survey")
public class Survey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_id")
    public UUID planId;

    public String title;

    public String description;

    public boolean anonymous;

    @Convert(converter = QuestionsConverter.class)
    public List<Question> questions;

    @Enumerated(EnumType.STRING)
    public SurveyStatus status;

    /** Raised by every draft edit; responses record the version they answered. */
    public int version;

    @Column(name = "closes_at")
    public OffsetDateTime closesAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    /** The plan's territory version at publication; null before it (and for those published before it was kept). */
    @Column(name = "territory_version")
    public Integer territoryVersion;

    /** That version's districts: respondents are placed and results cut by them, whatever the plan moves to later. */
    @Convert(converter = PlanDistrictsConverter.class)
    public List<PlanDistrict> districts;
}
