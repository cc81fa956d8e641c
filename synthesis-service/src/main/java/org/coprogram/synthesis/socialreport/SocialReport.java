package org.coprogram.synthesis.socialreport;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "social_report")
public class SocialReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_id")
    public UUID planId;

    @Column(name = "district_code")
    public String districtCode;

    @Enumerated(EnumType.STRING)
    public SocialReportStatus status;

    @Convert(converter = ContentConverter.class)
    public SocialReportContent content;

    public boolean published;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Version
    public int version;
}
