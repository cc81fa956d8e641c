package org.coprogram.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock in UTC, moved forward by what a test asks: a service's tests produce it as their {@link Clock} bean
 * (overriding common's default), and a test that moves it puts it back with {@link #reset()}.
 */
public final class MovableClock extends Clock {

    public static final MovableClock INSTANCE = new MovableClock();

    private volatile Duration offset = Duration.ZERO;

    private MovableClock() {
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("A UTC clock");
    }
}
