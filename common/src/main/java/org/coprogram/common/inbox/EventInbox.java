package org.coprogram.common.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.common.CoprogramConfig;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Idempotent consumption: an event's id is recorded in the same transaction as its effect, so a redelivered or
 * replayed event changes nothing twice. A failing handler is retried with back-off (the partition waits) rather than
 * skipped, because skipping would lose the event.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final ObjectMapper json;
    private final String consumer;

    public EventInbox(ObjectMapper json, CoprogramConfig config) {
        this.json = json;
        this.consumer = config.service();
    }

    public Uni<Void> consume(Message<String> message, Function<ReceivedEvent, Uni<Void>> handler) {
        return consume(message, event -> true, handler);
    }

    /** As {@link #consume(Message, Function)}, acknowledging at once the events {@code relevant} turns down. */
    public Uni<Void> consume(Message<String> message, Predicate<ReceivedEvent> relevant,
            Function<ReceivedEvent, Uni<Void>> handler) {
        Optional<ReceivedEvent> event = parse(message);
        if (event.isEmpty() || !relevant.test(event.get())) {
            return Uni.createFrom().completionStage(message.ack());
        }
        ReceivedEvent received = event.get();
        return handleOnce(received, handler)
                .onFailure().invoke(e -> LOG.warnf("Handling event %s (%s) failed, retrying: %s", received.id(),
                        received.type(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    /**
     * A batch of records in one transaction: the event ids recorded with one statement, each event seen for the first
     * time applied in order, then {@code afterBatch} once with those events, for bookkeeping that is per batch rather
     * than per event. On failure the whole batch rolls back and is retried, which the id records make safe. Far fewer
     * commits and statements than one transaction per event.
     */
    @SuppressWarnings("unchecked")
    public Uni<Void> consumeBatch(Message<List<String>> batch, Predicate<ReceivedEvent> relevant,
            Function<ReceivedEvent, Uni<Void>> handler, Function<List<ReceivedEvent>, Uni<Void>> afterBatch) {
        List<ReceivedEvent> events = new ArrayList<>();
        batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).ifPresent(metadata -> {
            for (ConsumerRecord<?, ?> record : (Iterable<ConsumerRecord<?, ?>>) metadata.getRecords()) {
                CloudEventRecords.parse((ConsumerRecord<?, String>) record, json).filter(relevant)
                        .ifPresent(events::add);
            }
        });
        if (events.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        return Panache.withTransaction(() -> firstDeliveries(events)
                .call(fresh -> Multi.createFrom().iterable(fresh)
                        .onItem().transformToUniAndConcatenate(event -> handler.apply(event))
                        .collect().last())
                .flatMap(fresh -> afterBatch.apply(fresh)))
                .onFailure().invoke(e -> LOG.warnf("Handling a batch of %d events failed, retrying: %s",
                        events.size(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /**
     * Records the ids of a batch for this consumer in one statement; the events not seen before, in their order, each
     * once (a batch may hold the same event twice when a producer retried). Call inside a transaction.
     */
    Uni<List<ReceivedEvent>> firstDeliveries(List<ReceivedEvent> events) {
        StringBuilder sql = new StringBuilder(
                "WITH inserted AS (INSERT INTO processed_event (consumer, event_id) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:consumer, :id").append(i).append(')');
        }
        sql.append(" ON CONFLICT DO NOTHING RETURNING event_id) SELECT event_id FROM inserted");
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql.toString()).setParameter("consumer", consumer);
            for (int i = 0; i < events.size(); i++) {
                query.setParameter("id" + i, events.get(i).id());
            }
            return query.getResultList();
        }).map(rows -> {
            Set<UUID> inserted = new HashSet<>();
            rows.forEach(row -> inserted.add(UUID.fromString(String.valueOf(row))));
            return events.stream().filter(event -> inserted.remove(event.id())).toList();
        });
    }

    /** Applies {@code handler} in one transaction with the record of the event's id, unless it was applied before. */
    public Uni<Void> handleOnce(ReceivedEvent received, Function<ReceivedEvent, Uni<Void>> handler) {
        return Panache.withTransaction(() -> firstDelivery(received.id())
                .flatMap(first -> first ? handler.apply(received) : Uni.createFrom().voidItem()));
    }

    /** Records the event id for this consumer; true when it had not been seen before. Call inside a transaction. */
    public Uni<Boolean> firstDelivery(UUID eventId) {
        return Panache.getSession()
                .flatMap(session -> session
                        .createNativeQuery("INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :id)"
                                + " ON CONFLICT DO NOTHING")
                        .setParameter("consumer", consumer)
                        .setParameter("id", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The same header reading as the batch path and replays: {@link CloudEventRecords}. */
    @SuppressWarnings("unchecked")
    private Optional<ReceivedEvent> parse(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .flatMap(metadata -> CloudEventRecords.parse((ConsumerRecord<?, String>) metadata.getRecord(), json));
    }
}
