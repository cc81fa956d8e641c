package org.coprogram.telemetry;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * The Zipkin exporter, when {@code coprogram.tracing.exporter} is {@code zipkin}. Quarkus then sets its own OTLP
 * exporter aside (it steps back whenever a {@link SpanExporter} bean resolves) and hands this one to the SDK's batch
 * span processor ({@code quarkus.otel.bsp.*}): spans leave in batches on the processor's thread, never on a request's.
 * With {@code otlp} this bean does not resolve and Quarkus' OTLP exporter takes over
 * ({@code quarkus.otel.exporter.otlp.traces.endpoint}).
 */
@Singleton
public class TraceExporters {

    /** Unremovable: only looked up programmatically (by Quarkus' exporter provider), so ArC would drop it as unused. */
    @Produces
    @Singleton
    @Unremovable
    @LookupIfProperty(name = TracingConfig.EXPORTER, stringValue = "zipkin", lookupIfMissing = true)
    SpanExporter zipkin(TracingConfig config) {
        return ZipkinSpanExporter.builder()
                .setEndpoint(config.zipkinEndpoint().toString())
                .setReadTimeout(config.exportTimeout())
                .build();
    }
}
