package org.coprogram.meeting.meeting;

/** incontro territoriale, plenario, tematico. */
public enum MeetingType {
    TERRITORIAL, PLENARY, THEMATIC
}
