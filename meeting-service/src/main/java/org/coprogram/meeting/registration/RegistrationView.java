package org.coprogram.meeting.registration;

import java.util.UUID;

/** What a person learns of their registration; {@code waitlistPosition} counts from 1 among those still waiting. */
public record RegistrationView(UUID meetingId, RegistrationStatus status, Integer waitlistPosition, String code) {
}
