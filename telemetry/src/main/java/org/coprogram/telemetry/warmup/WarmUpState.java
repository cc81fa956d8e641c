package org.coprogram.telemetry.warmup;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the warm-up stands; what the readiness check reports. Not ready while it runs, ready once it finished or once
 * the bound passed (whichever comes first), so a warm-up that cannot finish never keeps a pod out of service.
 */
public final class WarmUpState {

    /** What the readiness check says. */
    public enum Phase {
        RUNNING, FINISHED, BOUND_PASSED
    }

    private final int total;
    private final long startedNanos;
    private final long boundNanos;
    private final AtomicInteger sent = new AtomicInteger();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private volatile boolean finished;

    public WarmUpState(int total, long startedNanos, Duration bound) {
        this.total = total;
        this.startedNanos = startedNanos;
        this.boundNanos = bound.toNanos();
        this.finished = total == 0;
    }

    /** Nothing to warm up: ready at once. */
    public static WarmUpState none() {
        return new WarmUpState(0, 0, Duration.ZERO);
    }

    /** One answer (0 when the request failed before one came). */
    public synchronized void answered(int status) {
        sent.incrementAndGet();
        statuses.merge(status, 1, Integer::sum);
    }

    public void finish() {
        finished = true;
    }

    public Phase phase(long nowNanos) {
        if (finished) {
            return Phase.FINISHED;
        }
        return nowNanos - startedNanos >= boundNanos ? Phase.BOUND_PASSED : Phase.RUNNING;
    }

    public boolean ready(long nowNanos) {
        return phase(nowNanos) != Phase.RUNNING;
    }

    /** Whether the runner should keep sending: not once finished or past the bound. */
    public boolean keepGoing(long nowNanos) {
        return phase(nowNanos) == Phase.RUNNING;
    }

    public int total() {
        return total;
    }

    public int sent() {
        return sent.get();
    }

    /** Answers by HTTP status, for the log: a path always answering 404 or 500 warms up nothing useful. */
    public synchronized Map<Integer, Integer> statuses() {
        return new TreeMap<>(statuses);
    }

    public Duration elapsed(long nowNanos) {
        return Duration.ofNanos(nowNanos - startedNanos);
    }
}
