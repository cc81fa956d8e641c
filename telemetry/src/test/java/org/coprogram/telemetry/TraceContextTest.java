package org.coprogram.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

class TraceContextTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceparentReadBackNamesTheSameRemoteSampledSpan() {
        Context parent = TraceContext.parent(TRACEPARENT);
        SpanContext span = Span.fromContext(parent).getSpanContext();
        assertThat(span.isValid()).isTrue();
        assertThat(span.isRemote()).isTrue();
        assertThat(span.isSampled()).isTrue();
        assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(span.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(TraceContext.traceparent(parent)).isEqualTo(TRACEPARENT);
    }

    @Test
    void noOrAMalformedTraceparentStartsANewTraceInsteadOfFailing() {
        assertThat(Span.fromContext(TraceContext.parent(null)).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(TraceContext.parent("00-nothex-x-01")).getSpanContext().isValid()).isFalse();
        assertThat(TraceContext.traceparent(Context.root())).isNull();
    }
}
