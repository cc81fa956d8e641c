package org.coprogram.testing;

import java.time.Duration;

import javax.sql.DataSource;

import org.awaitility.Awaitility;

/**
 * Waits, deterministically, until a service's outbox relay has handed to Kafka every event committed so far. The
 * relay marks a row published only after the broker acknowledged it, in the same transaction that holds the one-relay
 * lock, so once no row up to the highest {@code seq} of this moment is unpublished, every copy the relay will ever send
 * of those events (a duplicate included) is on its topic: a {@link TopicReader#readToEnd()} then sees them all. This
 * replaces the quiet periods ("read for two more seconds in case a duplicate comes") that only made a duplicate
 * likely to show up, at a fixed cost per assertion.
 */
public final class OutboxDrain {

    private OutboxDrain() {
    }

    /** Until every outbox row committed before this call is published (at most a minute). */
    public static void await(DataSource database) {
        long last = Jdbc.count(database, "SELECT coalesce(max(seq), 0) FROM outbox_event");
        Awaitility.await("the outbox relayed every event up to seq " + last).atMost(Duration.ofMinutes(1))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> Jdbc.count(database,
                        "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND seq <= ?", last) == 0);
    }
}
