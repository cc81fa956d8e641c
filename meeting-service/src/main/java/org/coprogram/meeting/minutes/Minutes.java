package org.coprogram.meeting.minutes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "minutes")
public class Minutes extends PanacheEntityBase {

    public static final String DRAFT = "DRAFT";
    public static final String PUBLISHED = "PUBLISHED";

    @Id
    @Column(name = "meeting_id")
    public UUID meetingId;

    public String summary;

    public Integer attendance;

    @Convert(converter = ContributionsConverter.class)
    public List<MinutesContent.Contribution> contributions;

    public String status;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
}
