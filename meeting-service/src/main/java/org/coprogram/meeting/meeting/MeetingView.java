package org.coprogram.meeting.meeting;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** A meeting as the public sees it; times in Europe/Rome with their offset. */
public record MeetingView(UUID id, UUID planId, MeetingType type, String title, String description, List<String> themes,
        String district, String municipality, String province, String address, String onlineUrl,
        String accessibilityNotes, OffsetDateTime startsAt, OffsetDateTime endsAt, int capacity, int confirmed,
        int seatsLeft, OffsetDateTime registrationClosesAt, MeetingStatus status) {

    static final ZoneId ROME = ZoneId.of("Europe/Rome");

    public static MeetingView of(Meeting m) {
        return new MeetingView(m.id, m.planId, m.type, m.title, m.description, m.themes, m.district, m.municipality,
                m.province, m.address, m.onlineUrl, m.accessibilityNotes, rome(m.startsAt), rome(m.endsAt),
                m.capacity, m.confirmed, m.capacity - m.confirmed, rome(m.registrationClosesAt), m.status);
    }

    private static OffsetDateTime rome(OffsetDateTime time) {
        return time.atZoneSameInstant(ROME).toOffsetDateTime();
    }
}
