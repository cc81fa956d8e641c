package org.coprogram.telemetry.warmup;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The requests a process sends itself before it reports ready (docs/performance.md, "Cold start"). Each service lists
 * its hot paths under the {@code %prod} profile, so tests and dev mode start without them.
 */
@ConfigMapping(prefix = "coprogram.warmup")
public interface WarmUpConfig {

    /**
     * {@code METHOD /path?query}, one per entry: reads as the public reads them, writes ({@code POST}/{@code PUT}) with
     * the body {@code {}} and no token, so they end on their refusal and store nothing.
     */
    Optional<List<String>> requests();

    /**
     * {@code name=/path#/json/pointer}, one per entry ({@link WarmUpIds}): read once before the requests, each names the
     * id at the pointer, and the requests' paths say {@code {name}} for it (the nil id when it could not be read).
     */
    Optional<List<String>> discover();

    /** How many times each request is sent (interleaved): enough for the JIT to compile the paths they cross. */
    @WithDefault("200")
    int rounds();

    /** Requests in flight at once. */
    @WithDefault("4")
    int concurrency();

    /** The bound: past it the process reports ready anyway (and says so in its log), warm or not. */
    @WithDefault("90s")
    Duration bound();
}
