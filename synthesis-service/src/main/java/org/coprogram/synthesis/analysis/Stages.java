package org.coprogram.synthesis.analysis;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Wall-clock time spent per stage of the analysis, summed since the last {@link #reset}: read by the clustering
 * benchmark ({@code ClusterEvaluation scale}) to tell which stage dominates. Cheap enough to stay on.
 */
final class Stages {

    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();

    private Stages() {
    }

    /** Runs {@code work}, adding its time to {@code stage} (null: not timed, e.g. nested in a timed stage). */
    static <T> T time(String stage, Supplier<T> work) {
        if (stage == null) {
            return work.get();
        }
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            NANOS.computeIfAbsent(stage, s -> new LongAdder()).add(System.nanoTime() - start);
        }
    }

    static void reset() {
        NANOS.clear();
    }

    /** Seconds per stage, by name. */
    static Map<String, Double> seconds() {
        Map<String, Double> seconds = new TreeMap<>();
        NANOS.forEach((stage, nanos) -> seconds.put(stage, nanos.sum() / 1e9));
        return seconds;
    }
}
