package org.coprogram.meeting.registration;

public enum RegistrationStatus {
    CONFIRMED, WAITLISTED, CANCELLED
}
