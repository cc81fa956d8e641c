package org.coprogram.meeting.export;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A registration of the person, cancelled ones included, as their data export carries it: the meeting, the status, the
 * code for the door, the category given, attendance (check-in) and whether the reminder was sent.
 */
public record MyRegistrationData(UUID id, UUID meetingId, UUID planId, String meetingTitle,
        OffsetDateTime startsAt, OffsetDateTime endsAt, String meetingStatus, String status, String code,
        String category, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime checkedInAt,
        OffsetDateTime reminderSentAt) {
}
