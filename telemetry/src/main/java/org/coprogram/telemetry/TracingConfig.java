package org.coprogram.telemetry;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the spans go. Sampling and batching are Quarkus' own settings ({@code quarkus.otel.traces.sampler.arg},
 * {@code quarkus.otel.bsp.*}); docs/operations.md, "Tracing", lists them.
 */
@ConfigMapping(prefix = "coprogram.tracing")
public interface TracingConfig {

    /** The exporter's property: {@code zipkin} (the local backend, the default) or {@code otlp} (Kubernetes). */
    String EXPORTER = "coprogram.tracing.exporter";

    /** {@code zipkin}: Zipkin's JSON v2 to {@link #zipkinEndpoint()}; {@code otlp}: Quarkus' OTLP exporter. */
    @WithDefault("zipkin")
    String exporter();

    /** The Zipkin server's span endpoint ({@code ./coprogram up} starts one on port 9411). */
    @WithDefault("http://127.0.0.1:9411/api/v2/spans")
    URI zipkinEndpoint();

    /** How long one export may wait for the backend; a backend that is down costs a dropped batch, nothing more. */
    @WithDefault("5s")
    Duration exportTimeout();
}
