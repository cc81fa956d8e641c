package org.coprogram.meeting.meeting;

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

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "meeting")
public class Meeting extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_id")
    public UUID planId;

    @Enumerated(EnumType.STRING)
    public MeetingType type;

    public String title;

    public String description;

    @Convert(converter = StringListConverter.class)
    public List<String> themes;

    public String district;

    public String municipality;

    public String province;

    public String address;

    @Column(name = "online_url")
    public String onlineUrl;

    @Column(name = "accessibility_notes")
    public String accessibilityNotes;

    @Column(name = "starts_at")
    public OffsetDateTime startsAt;

    @Column(name = "ends_at")
    public OffsetDateTime endsAt;

    public int capacity;

    @Column(name = "registration_closes_at")
    public OffsetDateTime registrationClosesAt;

    @Enumerated(EnumType.STRING)
    public MeetingStatus status;

    /** Confirmed seats; kept in the meeting row, which registrations lock, so it never exceeds capacity. */
    public int confirmed;

    /** Last waitlist number handed out; positions are the order of these numbers among those still waiting. */
    @Column(name = "last_waitlist_seq")
    public int lastWaitlistSeq;

    @Column(name = "organizer_id")
    public String organizerId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
