package org.coprogram.synthesis;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.coprogram.testing.MovableClock;

/** The clock of synthesis-service's tests: the system's, unless a test moves it (and puts it back). */
@Singleton
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MovableClock.INSTANCE;
    }
}
