package org.coprogram.common.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.telemetry.TraceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records an event in the current Hibernate Reactive transaction. Call it from inside the transaction that makes the
 * change the event describes: the event then exists if and only if the change was committed. The event keeps the
 * current span's W3C traceparent, so its publication and consumption join the trace of the request that caused it.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final OutboxRelay relay;

    public Outbox(ObjectMapper json, OutboxRelay relay) {
        this.json = json;
        this.relay = relay;
    }

    /**
     * @param topic Kafka topic
     * @param type CloudEvents type, {@code org.coprogram.<aggregate>.<verb>.v1}
     * @param subject the aggregate id; also the record key, so one aggregate's events stay ordered
     * @param planId the {@code planid} extension
     * @param data the event data, serialised as JSON; must hold no directly identifying data
     */
    public Uni<OutboxEvent> record(String topic, String type, String subject, String planId, Object data) {
        return event(topic, type, subject, planId, data).persist();
    }

    /** The most events {@link #recordAll} writes in one statement (8 parameters each). */
    static final int ROWS_PER_STATEMENT = 500;

    /**
     * Records these events (made by {@link #event}) in the current Hibernate Reactive transaction, as {@link #record}
     * does, but in one multi-row statement per {@value #ROWS_PER_STATEMENT} events instead of one insert each: for a
     * change that announces hundreds of things at once (a published version's measures, a bulk link). The session is
     * flushed first, so events recorded before these keep their place before them in the relay's order.
     */
    public Uni<Void> recordAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(session -> {
            Uni<Integer> done = session.flush().replaceWith(0);
            for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
                List<OutboxEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
                done = done.chain(() -> OutboxRepository.insertAll(session, chunk));
            }
            return done.replaceWithVoid();
        });
    }

    /**
     * The same event, not yet stored: for a change written by a single SQL statement that inserts the event row
     * itself (one statement is one transaction). Same parameters as {@link #record}.
     */
    public OutboxEvent event(String topic, String type, String subject, String planId, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.type = type;
        event.subject = subject;
        event.planId = planId;
        event.payload = toJson(data);
        event.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        event.traceparent = TraceContext.current();
        relay.recorded();
        return event;
    }

    /**
     * An event whose subject, plan and data the single SQL statement that records it makes itself
     * ({@link OutboxRepository#insertMadeFrom}); here only what the service knows: id, topic, type, time, trace.
     */
    public OutboxEvent eventMadeByStatement(String topic, String type) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.type = type;
        event.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        event.traceparent = TraceContext.current();
        relay.recorded();
        return event;
    }

    /** Binds the parameters of {@link OutboxRepository#insertMadeFrom} for this event, after those in {@code values}. */
    public static Tuple addStatementValues(Tuple values, OutboxEvent event) {
        return values.addUUID(event.id).addString(event.topic).addString(event.type)
                .addOffsetDateTime(event.occurredAt).addString(event.traceparent);
    }

    /** Binds the parameters of {@link OutboxRepository#insertFrom} for this event, after those already in {@code values}. */
    public static Tuple addValues(Tuple values, OutboxEvent event) {
        return values.addUUID(event.id).addString(event.topic).addString(event.type).addString(event.subject)
                .addString(event.planId).addString(event.payload).addOffsetDateTime(event.occurredAt)
                .addString(event.traceparent);
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data cannot be serialised: " + data.getClass().getName(), e);
        }
    }
}
