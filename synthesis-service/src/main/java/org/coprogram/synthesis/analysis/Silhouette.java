package org.coprogram.synthesis.analysis;

import java.util.stream.IntStream;

/**
 * Mean silhouette with cosine distance: for each item, how much nearer it is to its own cluster than to the next
 * nearest. Quadratic, so callers pass a sample.
 */
final class Silhouette {

    /** The cosine distance (1 - cosine similarity) of items i and j. */
    @FunctionalInterface
    interface Distance {
        double of(int i, int j);
    }

    private Silhouette() {
    }

    static double mean(int n, Distance distance, int[] assignment, int k) {
        int[] sizes = new int[k];
        for (int a : assignment) {
            sizes[a]++;
        }
        // Per-item values first, then summed in order: a parallel sum could round differently from run to run.
        double[] values = IntStream.range(0, n).parallel().mapToDouble(i -> {
            if (sizes[assignment[i]] < 2) {
                return 0;
            }
            double[] sum = new double[k];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum[assignment[j]] += distance.of(i, j);
                }
            }
            double own = sum[assignment[i]] / (sizes[assignment[i]] - 1);
            double nearest = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != assignment[i] && sizes[c] > 0) {
                    nearest = Math.min(nearest, sum[c] / sizes[c]);
                }
            }
            return nearest == Double.MAX_VALUE ? 0 : (nearest - own) / Math.max(nearest, own);
        }).toArray();
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total / n;
    }
}
