package org.coprogram.common.retention;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.CoprogramConfig;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the event tables bounded: published {@code outbox_event} rows older than
 * {@code coprogram.retention.outbox-horizon} (7 days) and {@code processed_event} ids older than
 * {@code coprogram.retention.inbox-horizon} (30 days) are deleted in batches, by one replica at a time, every
 * {@code coprogram.retention.interval}; so are parked events replayed before the inbox horizon.
 * <p>
 * Why consumption stays idempotent: a processed id only has to outlive every redelivery of its event to the same
 * consumer. Kafka redelivers a record to a group only until the group commits an offset past it, which happens within
 * seconds of its handling (or, after a crash, at the next start): days of horizon are orders of magnitude more than
 * that window. What reads a topic again from its start does so either within the horizon or from empty tables: a
 * read-model rebuild (synthesis' {@code ReadModelRebuild}) first deletes the plan's effects together with its
 * processed ids, and a new consumer group starts from nothing to dedupe against. An operator who resets a group's
 * offsets to a point older than the inbox horizon re-applies what was pruned: so resets go back no further than the
 * horizon, or are rebuilds that start from empty tables (docs/reliability.md). The outbox needs no such argument: a
 * row is deleted only once the broker acknowledged it, and its event lives on in the topic.
 */
@ApplicationScoped
public class EventRetention {

    /** What one round deleted. */
    public record Pruned(long outbox, long processed, long parked) {
    }

    private static final Logger LOG = Logger.getLogger(EventRetention.class);

    private final RetentionRepository repository;
    private final CoprogramConfig.Retention config;
    private final Clock clock;
    private final MeterRegistry registry;

    public EventRetention(RetentionRepository repository, CoprogramConfig config, Clock clock,
            MeterRegistry registry) {
        this.repository = repository;
        this.config = config.retention();
        this.clock = clock;
        this.registry = registry;
    }

    @Scheduled(every = "${coprogram.retention.interval:1m}", delayed = "${coprogram.retention.interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRound() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return pruneOnce()
                .invoke(pruned -> {
                    if (pruned.outbox() + pruned.processed() + pruned.parked() > 0) {
                        LOG.infof("Retention deleted %d outbox rows, %d processed ids, %d replayed parked events",
                                pruned.outbox(), pruned.processed(), pruned.parked());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Retention round failed; the next one retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: every table drained of its rows past the horizon, batch by batch. */
    public Uni<Pruned> pruneOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime outboxCutoff = now.minus(config.outboxHorizon());
        OffsetDateTime inboxCutoff = now.minus(config.inboxHorizon());
        return drain("outbox_event", repository::deletePublishedOutbox, outboxCutoff)
                .flatMap(outbox -> drain("processed_event", repository::deleteProcessedIds, inboxCutoff)
                        .flatMap(processed -> drain("parked_event", repository::deleteReplayedParked, inboxCutoff)
                                .map(parked -> new Pruned(outbox, processed, parked))));
    }

    /** Batches until one comes back short (or another replica holds the lock); the rows deleted. */
    private Uni<Long> drain(String table, BiFunction<OffsetDateTime, Integer, Uni<Integer>> batch,
            OffsetDateTime cutoff) {
        int size = config.batchSize();
        return Multi.createBy().repeating().uni(() -> batch.apply(cutoff, size)).whilst(deleted -> deleted == size)
                .collect().with(java.util.stream.Collectors.summingLong(deleted -> Math.max(deleted, 0)))
                .invoke(deleted -> registry.counter("coprogram.retention.deleted", "table", table).increment(deleted));
    }
}
