package org.coprogram.meeting.registration;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** The queries over {@link Registration}; call within the caller's session. */
@ApplicationScoped
public class RegistrationRepository {

    /** The first of the waiting list, if anyone waits. */
    public Uni<Registration> firstWaitlisted(UUID meetingId) {
        return Registration.<Registration>find("meetingId = ?1 and status = ?2 order by waitlistSeq", meetingId,
                RegistrationStatus.WAITLISTED).firstResult();
    }

    public Uni<Registration> byCode(UUID meetingId, String code) {
        return Registration.<Registration>find("meetingId = ?1 and code = ?2", meetingId, code).firstResult();
    }

    public Uni<List<Registration>> confirmed(UUID meetingId) {
        return Registration.list("meetingId = ?1 and status = ?2", meetingId, RegistrationStatus.CONFIRMED);
    }

    /** A person's registration that is not cancelled, if any. */
    public Uni<Registration> active(UUID meetingId, String personId) {
        return Registration.<Registration>find("meetingId = ?1 and personId = ?2 and status <> ?3", meetingId,
                personId, RegistrationStatus.CANCELLED).firstResult();
    }

    /** 1 for the first of the waiting list. */
    public Uni<Long> waitlistPosition(UUID meetingId, Integer waitlistSeq) {
        return Registration.count("meetingId = ?1 and status = ?2 and waitlistSeq <= ?3", meetingId,
                RegistrationStatus.WAITLISTED, waitlistSeq);
    }
}
