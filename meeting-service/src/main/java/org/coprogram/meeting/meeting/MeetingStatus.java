package org.coprogram.meeting.meeting;

public enum MeetingStatus {
    SCHEDULED, CANCELLED
}
