package org.coprogram.synthesis.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * How firmly a clustering keeps each cluster's members together when a tenth of the texts change (issue #30): the
 * same clustering runs again on random 90% resamples of the texts, and for each cluster of the full run the share of
 * its members' pairs, both in the resample, that land in one cluster again, pooled over the resamples. Pairs with a
 * member left out of a resample are not counted. The measure is one-sided, as the issue asks: a cluster merged with
 * another in a resample still keeps its members together.
 */
final class ResampledStability {

    private ResampledStability() {
    }

    /**
     * Per cluster {@code 0..k-1} of {@code assignment} (one per point), the pooled share of member pairs kept together
     * by {@code clustering} (the cluster of each point it is given, any labels) on {@code resamples} resamples of
     * {@code share} of the points (resample {@code b} drawn with seed {@code seed + b}); 1 for a cluster with no pair
     * to judge. The resamples are clustered in parallel and counted in order, so the figures depend on the seed only.
     */
    static <T> double[] of(List<T> points, int[] assignment, int k, Function<List<T>, int[]> clustering,
            int resamples, double share, long seed) {
        int[][] kept = IntStream.range(0, resamples).mapToObj(b -> resample(points.size(), share, seed + b))
                .toArray(int[][]::new);
        int[][] again = IntStream.range(0, resamples).parallel()
                .mapToObj(b -> clustering.apply(Arrays.stream(kept[b]).mapToObj(points::get).toList()))
                .toArray(int[][]::new);
        return pooled(assignment, k, kept, again);
    }

    /**
     * Per cluster {@code 0..k-1} of {@code assignment}, the share of its member pairs that land in one cluster of
     * {@code again[b]} (any labels, one per point of resample {@code b}), pooled over the resamples; {@code kept[b]}
     * are the resample's points as indexes into {@code assignment}. 1 for a cluster with no pair to judge. Whole
     * counts added in resample order, so the figures do not depend on how the resamples were scheduled.
     */
    static double[] pooled(int[] assignment, int k, int[][] kept, int[][] again) {
        double[] together = new double[k];
        double[] pairs = new double[k];
        for (int b = 0; b < kept.length; b++) {
            int labels = Arrays.stream(again[b]).max().orElse(0) + 1;
            long[][] counts = new long[k][labels];
            for (int j = 0; j < kept[b].length; j++) {
                counts[assignment[kept[b][j]]][again[b][j]]++;
            }
            for (int c = 0; c < k; c++) {
                long size = 0;
                for (long x : counts[c]) {
                    together[c] += x * (x - 1) / 2.0;
                    size += x;
                }
                pairs[c] += size * (size - 1) / 2.0;
            }
        }
        double[] stability = new double[k];
        for (int c = 0; c < k; c++) {
            stability[c] = pairs[c] == 0 ? 1 : together[c] / pairs[c];
        }
        return stability;
    }

    /** The points (indexes, ascending) of a resample: the first {@code share} of a shuffle drawn with {@code seed}. */
    static int[] resample(int n, double share, long seed) {
        int[] kept = Arrays.copyOf(TopicModel.shuffled(n, seed), (int) Math.round(n * share));
        Arrays.sort(kept);
        return kept;
    }
}
