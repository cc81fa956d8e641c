package org.coprogram.meeting.inbox;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.coprogram.testing.MovableClock;

/** The clock of meeting-service's tests: the system's, unless a test moves it. */
@Singleton
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MovableClock.INSTANCE;
    }
}
