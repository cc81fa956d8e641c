package org.coprogram.telemetry;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Cumulative buckets on {@code http_server_requests_seconds} at the latency objectives' bounds (docs/operations.md,
 * "Service-level objectives"), so that the share of requests within a bound can be computed over any window. Here, in
 * the module the gateway and every service share, so both measure against the same bounds.
 */
@Singleton
public class HttpLatencyBuckets {

    /** The bounds: the reads' (250 ms) and writes' (1 s) objectives, and a few around them for the dashboards. */
    public static final Duration[] BOUNDS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName())) {
                    return config;
                }
                double[] nanos = new double[BOUNDS.length];
                for (int i = 0; i < BOUNDS.length; i++) {
                    nanos[i] = BOUNDS[i].toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
