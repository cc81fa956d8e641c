package org.coprogram.common.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.CoprogramConfig;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Poison events: a record whose handler failed deterministically {@code coprogram.inbox.max-attempts} times is parked
 * (with its error) so that its partition moves on, counted in {@code coprogram.inbox.parked}, shown by the gauge
 * {@code coprogram.inbox.parked.pending} and the wellness check {@code parked-events}. An operator asks for a replay
 * by setting {@code replay_requested_at} ({@code scripts/parked-events replay ID}); a replica picks the request up
 * within {@code coprogram.inbox.replay-poll-interval} and applies the event through the same handler and inbox as live
 * consumption, in one transaction with the mark {@code replayed_at}: an event already applied is not applied again,
 * and a replayed row is never replayed twice.
 */
@ApplicationScoped
public class ParkedEvents {

    /** What became of a replay request. */
    public enum Replay {
        /** The handler applied the event now. */
        APPLIED,
        /** The inbox had the event's id already: nothing applied, the row is marked replayed. */
        ALREADY_APPLIED,
        /** No such row waiting for a replay (unknown id, or replayed before). */
        NOT_PARKED,
        /** No handler is registered here for the row's channel: the request stays for a replica that has one. */
        NO_HANDLER,
        /** The handler failed again; the error is stored and the request withdrawn. */
        FAILED
    }

    private static final Logger LOG = Logger.getLogger(ParkedEvents.class);
    private static final int REPLAYS_PER_ROUND = 50;
    private static final int MESSAGE_LENGTH = 2000;

    private final ParkedEventRepository parked;
    private final ProcessedEventRepository processed;
    private final InboxHandlers handlers;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry registry;
    private final String consumer;
    private final CoprogramConfig.Inbox config;
    private final AtomicLong pending = new AtomicLong();

    public ParkedEvents(ParkedEventRepository parked, ProcessedEventRepository processed, InboxHandlers handlers,
            ObjectMapper json, Clock clock, MeterRegistry registry, CoprogramConfig config) {
        this.parked = parked;
        this.processed = processed;
        this.handlers = handlers;
        this.json = json;
        this.clock = clock;
        this.registry = registry;
        this.consumer = config.service();
        this.config = config.inbox();
        Gauge.builder("coprogram.inbox.parked.pending", pending, AtomicLong::get)
                .description("Parked events not replayed yet (refreshed every replay poll)")
                .tag("consumer", consumer).register(registry);
    }

    /** Parks a record and counts it; retried for as long as the database is away, since the record is not acked. */
    Uni<Void> park(Delivery delivery, Throwable error, int attempts) {
        ReceivedEvent event = delivery.event();
        return parked.park(delivery, consumer, error.getClass().getName(), message(error), attempts,
                OffsetDateTime.now(clock))
                .onFailure().invoke(e -> LOG.warnf("Parking event %s failed, retrying: %s", event.id(), e.getMessage()))
                .onFailure().retry().withBackOff(config.initialBackOff(), config.maxBackOff()).indefinitely()
                .invoke(() -> {
                    LOG.errorf(error, "Parked event %s (%s) from %s-%d/%d after %d attempts; the partition moves on."
                            + " Fix the cause, then replay it (scripts/parked-events)", event.id(), event.type(),
                            delivery.record().topic(), delivery.record().partition(), delivery.record().offset(),
                            attempts);
                    Counter.builder("coprogram.inbox.parked")
                            .description("Events parked after their handler failed deterministically")
                            .tags("consumer", consumer, "type", event.type()).register(registry).increment();
                    pending.incrementAndGet();
                });
    }

    /** Applies a parked event again through its channel's handler, unless the inbox has it already. */
    public Uni<Replay> replay(long id) {
        return parked.find(id).flatMap(row -> {
            if (row.isEmpty()) {
                return Uni.createFrom().item(Replay.NOT_PARKED);
            }
            ParkedEvent event = row.get();
            return handlers.of(event.channel())
                    .map(handler -> replay(event, handler))
                    .orElseGet(() -> Uni.createFrom().item(Replay.NO_HANDLER));
        });
    }

    private Uni<Replay> replay(ParkedEvent row, Function<ReceivedEvent, Uni<Void>> handler) {
        ReceivedEvent event = row.event(json);
        return Panache.withTransaction(() -> processed.firstDelivery(consumer, event.id())
                .call(first -> first ? handler.apply(event) : Uni.createFrom().voidItem())
                .call(first -> parked.markReplayed(row.id(), OffsetDateTime.now(clock)))
                .map(first -> first ? Replay.APPLIED : Replay.ALREADY_APPLIED))
                .invoke(outcome -> LOG.infof("Replayed parked event %d (%s): %s", row.id(), event.id(), outcome))
                .onFailure(e -> FailureKind.of(e) == FailureKind.PERMANENT)
                .recoverWithUni(e -> {
                    LOG.warnf("Replaying parked event %d (%s) failed again: %s", row.id(), event.id(), e.toString());
                    return parked.replayFailed(row.id(), e.getClass().getName() + ": " + message(e))
                            .replaceWith(Replay.FAILED);
                });
    }

    /** The replays operators asked for, then the gauge; on every replica, each request applied once. */
    @Scheduled(every = "${coprogram.inbox.replay-poll-interval:5s}", delayed = "${coprogram.inbox.replay-poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> replayRequested() {
        return parked.replayRequested(REPLAYS_PER_ROUND)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::replay)
                .collect().last()
                .chain(() -> parked.pending(consumer))
                .invoke(now -> pending.set(now.count()))
                .onFailure().invoke(e -> LOG.warnf("Replaying parked events failed; next round retries: %s",
                        e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Parked and not replayed: for the wellness check. */
    public Uni<ParkedEventRepository.Pending> pending() {
        return parked.pending(consumer).invoke(now -> pending.set(now.count()));
    }

    /** An error's message cut to a readable length for its row. */
    private static String message(Throwable error) {
        String message = error.getMessage();
        return message == null || message.length() <= MESSAGE_LENGTH
                ? message
                : message.substring(0, MESSAGE_LENGTH) + "…";
    }
}
