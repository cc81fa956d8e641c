package org.coprogram.bridge;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The gateway's {@link Clock} (the gateway and the bridge do not use common, which produces the services' one): the
 * system clock in UTC, unless a test produces another. Token expiry and cache ages are judged by it.
 */
@Singleton
public class WallClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
