package org.coprogram.common.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.common.CoprogramConfig;
import org.coprogram.telemetry.TraceContext;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Idempotent consumption: an event's id is recorded in the same transaction as its effect, so a redelivered or
 * replayed event changes nothing twice. A failing handler is retried with back-off while its partition waits. A
 * transient failure ({@link FailureKind}) is retried for as long as it lasts, because skipping would lose the event; a
 * deterministic one {@code coprogram.inbox.max-attempts} times, then the record is parked ({@link ParkedEvents}) and
 * acknowledged, so one poison event no longer stalls every event behind it.
 * <p>
 * Tracing: each first delivery of an event whose CloudEvent carries a traceparent (the relay's producer span) is
 * applied inside a consumer span, child of that producer span, so the request that wrote the event, its publication
 * and its effect here are one trace (docs/operations.md, "Tracing").
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final ObjectMapper json;
    private final String consumer;
    private final CoprogramConfig.Inbox config;
    private final ProcessedEventRepository processed;
    private final ParkedEvents parked;
    private final InboxHandlers handlers;
    private final Tracer tracer;

    public EventInbox(ObjectMapper json, CoprogramConfig config, ProcessedEventRepository processed,
            ParkedEvents parked, InboxHandlers handlers, Tracer tracer) {
        this.tracer = tracer;
        this.json = json;
        this.consumer = config.service();
        this.config = config.inbox();
        this.processed = processed;
        this.parked = parked;
        this.handlers = handlers;
    }

    /**
     * Declares the handler of one event of {@code channel}, for replays of its parked events. Call it at startup (from
     * a {@code @Startup} consumer's constructor): consumption registers its handler too, but only once a record
     * arrives, and an operator may replay right after a restart.
     */
    public void register(String channel, Function<ReceivedEvent, Uni<Void>> handler) {
        handlers.register(channel, handler);
    }

    public Uni<Void> consume(Message<String> message, Function<ReceivedEvent, Uni<Void>> handler) {
        return consume(message, event -> true, handler);
    }

    /** As {@link #consume(Message, Function)}, acknowledging at once the events {@code relevant} turns down. */
    @SuppressWarnings("unchecked")
    public Uni<Void> consume(Message<String> message, Predicate<ReceivedEvent> relevant,
            Function<ReceivedEvent, Uni<Void>> handler) {
        Optional<IncomingKafkaRecordMetadata<?, ?>> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (IncomingKafkaRecordMetadata<?, ?>) m);
        Optional<Delivery> delivery = metadata.flatMap(m -> delivery(m.getChannel(),
                (ConsumerRecord<?, String>) m.getRecord()));
        if (delivery.isEmpty() || !relevant.test(delivery.get().event())) {
            return Uni.createFrom().completionStage(message.ack());
        }
        handlers.registerIfAbsent(delivery.get().channel(), handler);
        return applyOrPark(delivery.get(), traced(delivery.get().channel(), handler))
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    /**
     * A batch of records in one transaction: the event ids recorded with one statement, each event seen for the first
     * time applied in order, then {@code afterBatch} once with those events, for bookkeeping that is per batch rather
     * than per event. On failure the whole batch rolls back and is retried, which the id records make safe. Far fewer
     * commits and statements than one transaction per event. A batch that fails deterministically
     * {@code coprogram.inbox.max-attempts} times is applied again one event per transaction ({@code handler} then
     * {@code afterBatch} of that event alone), so that only the events that fail on their own are parked.
     */
    @SuppressWarnings("unchecked")
    public Uni<Void> consumeBatch(Message<List<String>> batch, Predicate<ReceivedEvent> relevant,
            Function<ReceivedEvent, Uni<Void>> handler, Function<List<ReceivedEvent>, Uni<Void>> afterBatch) {
        List<Delivery> deliveries = new ArrayList<>();
        batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).ifPresent(metadata -> {
            for (ConsumerRecord<?, ?> record : (Iterable<ConsumerRecord<?, ?>>) metadata.getRecords()) {
                delivery(metadata.getChannel(), (ConsumerRecord<?, String>) record)
                        .filter(delivery -> relevant.test(delivery.event())).ifPresent(deliveries::add);
            }
        });
        if (deliveries.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        Function<ReceivedEvent, Uni<Void>> single = event -> handler.apply(event)
                .chain(() -> afterBatch.apply(List.of(event)));
        String channel = deliveries.get(0).channel();
        handlers.registerIfAbsent(channel, single);
        Function<ReceivedEvent, Uni<Void>> tracedHandler = traced(channel, handler);
        Function<ReceivedEvent, Uni<Void>> tracedSingle = traced(channel, single);
        List<ReceivedEvent> events = deliveries.stream().map(Delivery::event).toList();
        AtomicInteger failures = new AtomicInteger();
        Uni<Void> whole = Panache.withTransaction(() -> processed.firstDeliveries(consumer, events)
                .call(fresh -> Multi.createFrom().iterable(fresh)
                        .onItem().transformToUniAndConcatenate(event -> tracedHandler.apply(event))
                        .collect().last())
                .flatMap(fresh -> afterBatch.apply(fresh)));
        return retried(whole, failures, "a batch of " + events.size() + " events")
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("A batch of %d events failed %d times; applying its events one by one", events.size(),
                            failures.get());
                    return Multi.createFrom().iterable(deliveries)
                            .onItem().transformToUniAndConcatenate(delivery -> applyOrPark(delivery, tracedSingle))
                            .collect().last();
                })
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /**
     * {@code handler}, each call inside a consumer span whose parent is the event's traceparent; untouched for an event
     * without one. The span's attributes name the channel and the event (random id, type), never its data; a failure
     * marks it with the exception's class only (messages may quote data).
     */
    private Function<ReceivedEvent, Uni<Void>> traced(String channel, Function<ReceivedEvent, Uni<Void>> handler) {
        return event -> {
            if (event.traceparent() == null) {
                return handler.apply(event);
            }
            return Uni.createFrom().deferred(() -> {
                Span span = tracer.spanBuilder(channel + " process")
                        .setParent(TraceContext.parent(event.traceparent()))
                        .setSpanKind(SpanKind.CONSUMER)
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.operation.type", "process")
                        .setAttribute("messaging.consumer.group.name", consumer)
                        .setAttribute("coprogram.channel", channel)
                        .setAttribute("messaging.message.id", event.id().toString())
                        .setAttribute("cloudevents.event_id", event.id().toString())
                        .setAttribute("cloudevents.event_type", event.type())
                        .startSpan();
                Uni<Void> applied;
                try {
                    applied = handler.apply(event);
                } catch (RuntimeException e) {
                    span.setStatus(StatusCode.ERROR, e.getClass().getName()).end();
                    throw e;
                }
                return applied.onTermination().invoke((ignored, failure, cancelled) -> {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.getClass().getName());
                    }
                    span.end();
                });
            });
        };
    }

    /** Applies {@code handler} in one transaction with the record of the event's id, unless it was applied before. */
    public Uni<Void> handleOnce(ReceivedEvent received, Function<ReceivedEvent, Uni<Void>> handler) {
        return Panache.withTransaction(() -> firstDelivery(received.id())
                .flatMap(first -> first ? handler.apply(received) : Uni.createFrom().voidItem()));
    }

    /** Records the event id for this consumer; true when it had not been seen before. Call inside a transaction. */
    public Uni<Boolean> firstDelivery(java.util.UUID eventId) {
        return processed.firstDelivery(consumer, eventId);
    }

    /** One event through {@link #handleOnce}, retried, then parked if it keeps failing deterministically. */
    private Uni<Void> applyOrPark(Delivery delivery, Function<ReceivedEvent, Uni<Void>> handler) {
        AtomicInteger failures = new AtomicInteger();
        ReceivedEvent event = delivery.event();
        return retried(handleOnce(event, handler), failures, "event " + event.id() + " (" + event.type() + ")")
                .onFailure().recoverWithUni(e -> parked.park(delivery, e, failures.get()));
    }

    /**
     * {@code attempt} again after each failure, with back-off: for ever while failures are transient; failing with the
     * last error once {@code failures} deterministic ones reached the limit.
     */
    private Uni<Void> retried(Uni<Void> attempt, AtomicInteger failures, String what) {
        return attempt
                .onFailure().invoke(e -> {
                    boolean permanent = FailureKind.of(e) == FailureKind.PERMANENT;
                    int count = permanent ? failures.incrementAndGet() : failures.get();
                    LOG.warnf("Handling %s failed (%s, %d of %d deterministic attempts): %s", what,
                            permanent ? "deterministic" : "transient", count, config.maxAttempts(), e.toString());
                })
                .onFailure(e -> FailureKind.of(e) == FailureKind.TRANSIENT || failures.get() < config.maxAttempts())
                .retry().withBackOff(config.initialBackOff(), config.maxBackOff()).indefinitely();
    }

    private Optional<Delivery> delivery(String channel, ConsumerRecord<?, String> record) {
        return CloudEventRecords.parse(record, json).map(event -> new Delivery(channel, record, event));
    }
}
