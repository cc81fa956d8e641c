package org.coprogram.meeting.registration;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "meeting_id")
    public UUID meetingId;

    /** Account id: one active registration per person (unique index); never published. */
    @Column(name = "person_id")
    public String personId;

    public String pseudonym;

    /** Stakeholder category from the token, for attendance by category. */
    public String category;

    @Enumerated(EnumType.STRING)
    public RegistrationStatus status;

    @Column(name = "waitlist_seq")
    public Integer waitlistSeq;

    /** Shown to the person, checked at the door. */
    public String code;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "checked_in_at")
    public OffsetDateTime checkedInAt;
}
