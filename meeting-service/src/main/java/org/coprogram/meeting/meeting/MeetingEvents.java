package org.coprogram.meeting.meeting;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;

/** Events of meetings and their registrations on {@code coprogram.meetings}, keyed by the meeting id. */
public final class MeetingEvents {

    public static final String TOPIC = Topics.MEETINGS;
    public static final String SCHEDULED = EventTypes.MEETING_SCHEDULED;
    public static final String UPDATED = EventTypes.MEETING_UPDATED;
    public static final String CANCELLED = EventTypes.MEETING_CANCELLED;
    public static final String REGISTRATION_CONFIRMED = EventTypes.MEETING_REGISTRATION_CONFIRMED;
    public static final String REGISTRATION_WAITLISTED = EventTypes.MEETING_REGISTRATION_WAITLISTED;
    public static final String REGISTRATION_CANCELLED = EventTypes.MEETING_REGISTRATION_CANCELLED;
    public static final String REGISTRATION_PROMOTED = EventTypes.MEETING_REGISTRATION_PROMOTED;
    public static final String MINUTES_PUBLISHED = EventTypes.MEETING_MINUTES_PUBLISHED;

    private MeetingEvents() {
    }
}
