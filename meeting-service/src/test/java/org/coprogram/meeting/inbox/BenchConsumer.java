package org.coprogram.meeting.inbox;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;

/**
 * The consumer of {@link EventTablesKafkaBench}, only in its build ({@code bench.kafka.enabled}): a SmallRye Kafka
 * batch channel handled through the real {@link EventInbox#consumeBatch}, so each event costs what the inbox costs
 * (its {@code processed_event} insert in the batch's transaction); the handler itself does nothing. It counts what it
 * applied, the time spent in the inbox, and each event's end-to-end lag (from its {@code ce_time}, the outbox row's
 * {@code occurred_at}, to the batch's bookkeeping).
 */
@ApplicationScoped
@IfBuildProperty(name = "bench.kafka.enabled", stringValue = "true")
public class BenchConsumer {

    static final String CHANNEL = "bench-events";

    private final EventInbox inbox;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final Lags lags = new Lags();

    public BenchConsumer(EventInbox inbox) {
        this.inbox = inbox;
        inbox.register(CHANNEL, event -> Uni.createFrom().voidItem());
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvents(Message<List<String>> batch) {
        long start = System.nanoTime();
        AtomicInteger fresh = new AtomicInteger();
        return inbox.consumeBatch(batch, event -> true, event -> Uni.createFrom().voidItem(), events -> {
            fresh.set(events.size());
            OffsetDateTime now = OffsetDateTime.now();
            for (ReceivedEvent event : events) {
                lags.add(event.time() == null ? -1 : event.time().until(now, ChronoUnit.MILLIS));
            }
            return Uni.createFrom().voidItem();
        }).invoke(() -> {
            busyNanos.addAndGet(System.nanoTime() - start);
            applied.addAndGet(fresh.get());
        });
    }

    /** Events applied for the first time (a redelivered one is not counted again). */
    long applied() {
        return applied.get();
    }

    /** Time spent in {@code consumeBatch}, from the call to its acknowledgement. */
    long busyNanos() {
        return busyNanos.get();
    }

    /** The lags (ms) recorded since the last call, sorted. */
    long[] drainLags() {
        return lags.drain();
    }

    /** A growing array of lags; the channel calls {@link #add} from one thread at a time. */
    private static final class Lags {

        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized long[] drain() {
            long[] drained = Arrays.copyOf(values, size);
            size = 0;
            Arrays.sort(drained);
            return drained;
        }
    }
}
