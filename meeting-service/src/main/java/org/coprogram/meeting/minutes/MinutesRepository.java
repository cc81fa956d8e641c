package org.coprogram.meeting.minutes;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** The minutes of meetings, one per meeting; call within the caller's session. */
@ApplicationScoped
public class MinutesRepository {

    /** The meeting's minutes, or null if none was written. */
    public Uni<Minutes> find(UUID meetingId) {
        return Minutes.findById(meetingId);
    }
}
