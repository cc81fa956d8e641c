package org.coprogram.telemetry;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C {@code traceparent} of a span context, as text that can be stored (an outbox row) and carried (a CloudEvent's
 * distributed-tracing extension, an HTTP header), and back. Only the trace and span ids and the sampled flag: no
 * {@code tracestate}, no baggage.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {
    }

    /** The current span's {@code traceparent}; null when there is none (tracing off, or outside any span). */
    public static String current() {
        return traceparent(Context.current());
    }

    /** The {@code traceparent} of the span in {@code context}; null when it holds no valid one. */
    public static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * A context whose parent span is the one {@code traceparent} names, or the root context when it is null or not a
     * valid {@code traceparent} (a malformed value starts a new trace instead of failing).
     */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), traceparent, ONE_VALUE);
    }
}
