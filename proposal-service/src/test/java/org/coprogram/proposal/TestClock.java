package org.coprogram.proposal;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;

import org.coprogram.testing.MovableClock;

/** proposal-service's clock in its tests (docs/architecture.md, "Time"): the system's, unless a test moves it. */
public class TestClock {

    @Produces
    static final Clock CLOCK = MovableClock.INSTANCE;
}
