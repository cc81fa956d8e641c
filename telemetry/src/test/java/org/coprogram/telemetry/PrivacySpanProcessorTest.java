package org.coprogram.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

class PrivacySpanProcessorTest {

    @Test
    void exportedSpansKeepTheRouteAndStatusButNeitherTheCallerNorThePathNorSqlText() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new PrivacySpanProcessor())
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        Span span = provider.get("test").spanBuilder("GET /organizations/{id}/representatives/{username}")
                .setAttribute("http.route", "/organizations/{id}/representatives/{username}")
                .setAttribute("url.path", "/organizations/7/representatives/mario.rossi")
                .setAttribute("client.address", "203.0.113.7")
                .startSpan();
        span.setAttribute("url.query", "q=via roma 1");
        span.setAttribute("user_agent.original", "Mozilla/5.0");
        span.setAttribute("db.statement", "SELECT * FROM account WHERE email = 'mario@example.org'");
        span.setAttribute(AttributeKey.stringArrayKey("http.request.header.x-user"), List.of("mario"));
        span.setAttribute("http.response.status_code", 200L);
        span.setAttribute("messaging.destination.name", "proposals");
        span.end();
        SpanData exported = exporter.getFinishedSpanItems().get(0);
        Attributes attributes = exported.getAttributes();
        assertThat(attributes.get(AttributeKey.stringKey("http.route")))
                .isEqualTo("/organizations/{id}/representatives/{username}");
        assertThat(attributes.get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(attributes.get(AttributeKey.stringKey("messaging.destination.name"))).isEqualTo("proposals");
        for (String key : List.of("url.path", "client.address", "url.query", "user_agent.original", "db.statement")) {
            assertThat(attributes.get(AttributeKey.stringKey(key))).as(key).isEqualTo(PrivacySpanProcessor.REDACTED);
        }
        assertThat(attributes.get(AttributeKey.stringArrayKey("http.request.header.x-user")))
                .containsExactly(PrivacySpanProcessor.REDACTED);
        assertThat(attributes.toString()).doesNotContain("mario", "203.0.113.7", "via roma", "Mozilla");
    }
}
