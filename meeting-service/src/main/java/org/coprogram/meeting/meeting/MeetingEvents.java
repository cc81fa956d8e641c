package org.coprogram.meeting.meeting;

/** Events of meetings and their registrations on {@code coprogram.meetings}, keyed by the meeting id. */
public final class MeetingEvents {

    public static final String TOPIC = "coprogram.meetings";
    public static final String SCHEDULED = "org.coprogram.meeting.scheduled.v1";
    public static final String UPDATED = "org.coprogram.meeting.updated.v1";
    public static final String CANCELLED = "org.coprogram.meeting.cancelled.v1";
    public static final String REGISTRATION_CONFIRMED = "org.coprogram.meeting.registration-confirmed.v1";
    public static final String REGISTRATION_WAITLISTED = "org.coprogram.meeting.registration-waitlisted.v1";
    public static final String REGISTRATION_CANCELLED = "org.coprogram.meeting.registration-cancelled.v1";
    public static final String REGISTRATION_PROMOTED = "org.coprogram.meeting.registration-promoted.v1";
    public static final String MINUTES_PUBLISHED = "org.coprogram.meeting.minutes-published.v1";

    private MeetingEvents() {
    }
}
