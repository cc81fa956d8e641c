package org.coprogram.meeting.participation;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.meeting.meeting.MeetingStatus;
import org.coprogram.meeting.registration.RegistrationStatus;

/**
 * One of the caller's registrations, as "La mia partecipazione" lists it: the meeting, its state, the registration's
 * state, its code for the door and, while waiting, the place in the waiting list (from 1).
 */
public record MyRegistration(UUID meetingId, UUID planId, String meetingTitle, OffsetDateTime startsAt,
        OffsetDateTime endsAt, MeetingStatus meetingStatus, RegistrationStatus status, Integer waitlistPosition,
        String code, OffsetDateTime registeredAt, OffsetDateTime checkedInAt) {
}
