package org.coprogram.meeting.registration;

import java.util.UUID;

/** Data of the registration events: the person only as a pseudonym, with their stakeholder category. */
public record RegistrationEvent(UUID meetingId, UUID registrationId, String participant, String category,
        RegistrationStatus status, Integer waitlistPosition, int confirmed, int capacity) {
}
