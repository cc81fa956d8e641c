package org.coprogram.meeting.registration;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.meeting.meeting.Meeting;

/**
 * What the one-statement registration writes, all made before it runs: the meeting as it was read (its fields the
 * calendar file and the notice show, checked unchanged under the lock), the new registration, the public event whose
 * data the statement makes, and the person's notice and follow.
 */
record SeatClaim(Meeting meeting, UUID registrationId, RegistrationService.Person person, String code,
        OffsetDateTime at, OutboxEvent event, OutboxEvent notice, OutboxEvent follow) {
}
