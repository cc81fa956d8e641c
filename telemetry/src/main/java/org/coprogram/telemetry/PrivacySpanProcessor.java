package org.coprogram.telemetry;

import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;

/**
 * No personal data leaves in a span: every text attribute whose key is not on the list below is overwritten with
 * {@value #REDACTED} as the span ends, before any exporter sees it (Quarkus adds every {@code SpanProcessor} bean to the
 * tracer provider; {@code onEnding} runs on all of them before any {@code onEnd}). What the default instrumentations
 * would otherwise export: the caller's address ({@code client.address}, {@code network.peer.address}), its
 * {@code user_agent.original}, the path and query ({@code url.path} names a representative's user name in
 * {@code /organizations/{id}/representatives/{username}}, {@code url.query} carries search text), full URLs, and SQL
 * text ({@code db.statement}, whose literals may be values; the SQL client's spans are also off,
 * {@code quarkus.otel.instrument.vertx-sql-client=false}). Kept: the templated route, the method, the status, the
 * messaging attributes this project sets itself (topics, event types, random event ids) and code locations. Numbers
 * (ports, sizes, status codes) carry nothing personal and are kept. An allow-list, so that an instrumentation added
 * later cannot leak by default.
 */
@Singleton
public class PrivacySpanProcessor implements ExtendedSpanProcessor {

    public static final String REDACTED = "redacted";

    private static final Set<String> ALLOWED = Set.of(
            "http.request.method", "http.request.method_original", "http.route", "url.scheme",
            "network.protocol.name", "network.protocol.version", "network.transport", "network.type",
            "server.address", "error.type", "exception.type", "db.system", "db.system.name", "db.operation",
            "db.operation.name", "db.namespace", "db.name", "db.collection.name", "cloudevents.event_id",
            "cloudevents.event_type", "cloudevents.event_source");

    private static final List<String> ALLOWED_PREFIXES = List.of("messaging.", "coprogram.", "code.", "thread.",
            "otel.", "rpc.");

    /** True when a text attribute under this key may be exported as it is. */
    public static boolean allowed(String key) {
        if (ALLOWED.contains(key)) {
            return true;
        }
        for (String prefix : ALLOWED_PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onEnding(ReadWriteSpan span) {
        span.getAttributes().forEach((key, value) -> {
            if (!allowed(key.getKey())) {
                redact(span, key);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void redact(ReadWriteSpan span, AttributeKey<?> key) {
        if (key.getType() == AttributeType.STRING) {
            span.setAttribute((AttributeKey<String>) key, REDACTED);
        } else if (key.getType() == AttributeType.STRING_ARRAY) {
            span.setAttribute((AttributeKey<List<String>>) key, List.of(REDACTED));
        }
    }

    @Override
    public boolean isOnEndingRequired() {
        return true;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
