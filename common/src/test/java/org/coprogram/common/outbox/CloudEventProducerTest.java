package org.coprogram.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.coprogram.common.CoprogramConfig;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** The relay marks published only the prefix of rows the broker acknowledged, so per-key order holds. */
class CloudEventProducerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final CoprogramConfig.TopicNamespace NO_PREFIX = prefix("");

    private enum Outcome {
        ACKNOWLEDGED, FAILED, REFUSED_ON_SEND, NEVER_ANSWERED
    }

    @Test
    void rowsTheBrokerAcknowledgedAreAllReportedInOrder() {
        List<OutboxEvent> rows = rows(3);
        ScriptedProducer broker = new ScriptedProducer(Outcome.ACKNOWLEDGED, Outcome.ACKNOWLEDGED,
                Outcome.ACKNOWLEDGED);

        assertThat(new CloudEventProducer("proposal-service", NO_PREFIX, broker).sendInOrder(rows, TIMEOUT))
                .containsExactlyElementsOf(ids(rows));
        assertThat(broker.history()).extracting(ProducerRecord::key).containsExactly("s0", "s1", "s2");
    }

    @Test
    void aRowDeliveredAfterAFailedOneIsLeftForTheNextRound() {
        List<OutboxEvent> rows = rows(4);
        ScriptedProducer broker = new ScriptedProducer(Outcome.ACKNOWLEDGED, Outcome.FAILED, Outcome.ACKNOWLEDGED,
                Outcome.ACKNOWLEDGED);

        assertThat(new CloudEventProducer("proposal-service", NO_PREFIX, broker).sendInOrder(rows, TIMEOUT))
                .containsExactly(rows.get(0).id);
    }

    @Test
    void aRefusedSendStopsTheRoundAndNothingAfterItIsSent() {
        List<OutboxEvent> rows = rows(3);
        ScriptedProducer broker = new ScriptedProducer(Outcome.ACKNOWLEDGED, Outcome.REFUSED_ON_SEND,
                Outcome.ACKNOWLEDGED);

        assertThat(new CloudEventProducer("proposal-service", NO_PREFIX, broker).sendInOrder(rows, TIMEOUT))
                .containsExactly(rows.get(0).id);
        assertThat(broker.history()).hasSize(1);
    }

    @Test
    void aRowNotAcknowledgedWithinTheTimeoutEndsThePrefix() {
        List<OutboxEvent> rows = rows(2);
        ScriptedProducer broker = new ScriptedProducer(Outcome.ACKNOWLEDGED, Outcome.NEVER_ANSWERED);

        assertThat(
                new CloudEventProducer("proposal-service", NO_PREFIX, broker).sendInOrder(rows, Duration.ofMillis(50)))
                .containsExactly(rows.get(0).id);
    }

    @Test
    void theRecordCarriesTheEventsTimeSubjectAndPlanNotTheRelaysClock() {
        OutboxEvent row = rows(1).get(0);
        row.planId = "plan-1";
        CloudEventProducer producer = new CloudEventProducer("proposal-service", NO_PREFIX,
                new ScriptedProducer(Outcome.ACKNOWLEDGED));

        ProducerRecord<String, CloudEvent> record = producer.record(row);

        assertThat(record.timestamp()).isEqualTo(row.occurredAt.toInstant().toEpochMilli());
        assertThat(record.topic()).isEqualTo(row.topic);
        assertThat(record.key()).isEqualTo(row.subject);
        CloudEvent event = record.value();
        assertThat(event.getId()).isEqualTo(row.id.toString());
        assertThat(event.getSource()).hasToString("/proposal-service");
        assertThat(event.getExtension("planid")).isEqualTo("plan-1");
        assertThat(event.getTime()).isEqualTo(row.occurredAt);
    }

    @Test
    void aNamespacedRelaySendsToTheTopicBehindItsPrefixAndKeepsTheEvent() {
        OutboxEvent row = rows(1).get(0);
        CloudEventProducer producer = new CloudEventProducer("proposal-service", prefix("e2e."),
                new ScriptedProducer(Outcome.ACKNOWLEDGED));

        ProducerRecord<String, CloudEvent> record = producer.record(row);

        assertThat(record.topic()).isEqualTo("e2e.coprogram.proposals");
        assertThat(record.value().getId()).isEqualTo(row.id.toString());
        assertThat(row.topic).as("the outbox row keeps the contract's name").isEqualTo("coprogram.proposals");
    }

    @Test
    void aRowWithTheRequestsTraceparentIsSentInAProducerSpanOfThatTraceWhoseContextTheRecordCarries() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build();
        List<OutboxEvent> rows = rows(2);
        rows.get(0).traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        ScriptedProducer broker = new ScriptedProducer(Outcome.ACKNOWLEDGED, Outcome.ACKNOWLEDGED);

        assertThat(new CloudEventProducer("proposal-service", NO_PREFIX, broker, tracing.get("test"))
                .sendInOrder(rows, TIMEOUT)).containsExactlyElementsOf(ids(rows));

        assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
            assertThat(span.getName()).isEqualTo("coprogram.proposals publish");
            assertThat(broker.history().get(0).value().getExtension("traceparent"))
                    .isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
        });
        assertThat(broker.history().get(1).value().getExtensionNames()).as("a row without trace context")
                .doesNotContain("traceparent");
    }

    @Test
    void aRowTheBrokerDidNotAcknowledgeEndsItsSpanAsAnError() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build();
        List<OutboxEvent> rows = rows(1);
        rows.get(0).traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        assertThat(new CloudEventProducer("proposal-service", NO_PREFIX, new ScriptedProducer(Outcome.FAILED),
                tracing.get("test")).sendInOrder(rows, TIMEOUT)).isEmpty();

        assertThat(spans.getFinishedSpanItems()).singleElement()
                .satisfies(span -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
    }

    private static CoprogramConfig.TopicNamespace prefix(String prefix) {
        return () -> Optional.of(prefix).filter(p -> !p.isEmpty());
    }

    private static List<OutboxEvent> rows(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            OutboxEvent row = new OutboxEvent();
            row.id = UUID.randomUUID();
            row.topic = "coprogram.proposals";
            row.type = "org.coprogram.proposal.submitted";
            row.subject = "s" + i;
            row.payload = "{\"n\":" + i + "}";
            row.occurredAt = OffsetDateTime.of(2026, 3, 1, 10, 0, i, 0, ZoneOffset.UTC);
            return row;
        }).toList();
    }

    private static List<UUID> ids(List<OutboxEvent> rows) {
        return rows.stream().map(row -> row.id).toList();
    }

    /** A broker whose answer to each send, in order, is given up front. */
    private static final class ScriptedProducer extends MockProducer<String, CloudEvent> {

        private final Deque<Outcome> outcomes;

        ScriptedProducer(Outcome... outcomes) {
            super(false, null, new StringSerializer(), (topic, event) -> new byte[0]);
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, CloudEvent> record, Callback callback) {
            Outcome outcome = outcomes.removeFirst();
            if (outcome == Outcome.REFUSED_ON_SEND) {
                throw new KafkaException("buffer full");
            }
            Future<RecordMetadata> future = super.send(record, callback);
            if (outcome == Outcome.ACKNOWLEDGED) {
                completeNext();
            } else if (outcome == Outcome.FAILED) {
                errorNext(new KafkaException("not enough replicas"));
            }
            return future;
        }
    }
}
