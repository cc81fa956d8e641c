package org.coprogram.synthesis.analysis;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Spherical k-means on unit LSA vectors held as one dense row-major array: the inner loop of the vote
 * ({@link Consensus}) and of the stability resamples, which run it many times on a few hundred or thousand texts.
 * Single-threaded (callers run independent runs in parallel); k-means++ seeding from the given seed, at most
 * {@value #MAX_ITERATIONS} Lloyd steps.
 */
final class DenseKMeans {

    static final int MAX_ITERATIONS = 20;

    private final float[] data;
    private final int n;
    private final int d;

    DenseKMeans(List<SparseVector> points, int dimensions) {
        this.n = points.size();
        this.d = dimensions;
        this.data = new float[n * d];
        for (int i = 0; i < n; i++) {
            SparseVector v = points.get(i);
            for (int j = 0; j < v.terms().length; j++) {
                data[i * d + v.terms()[j]] = v.weights()[j];
            }
        }
    }

    int size() {
        return n;
    }

    /** One run: the cluster of each point. */
    int[] run(int k, long seed) {
        return run(k, seed, null);
    }

    /** One run on the points at {@code rows} only (null: all); the cluster of each of them. */
    int[] run(int k, long seed, int[] rows) {
        int m = rows == null ? n : rows.length;
        k = Math.min(k, m);
        SplittableRandom random = new SplittableRandom(seed);
        float[] centres = new float[k * d];
        double[] distance = new double[m];
        java.util.Arrays.fill(distance, Double.MAX_VALUE);
        int chosen = random.nextInt(m);
        for (int c = 0; c < k; c++) {
            System.arraycopy(data, row(rows, chosen) * d, centres, c * d, d);
            double total = 0;
            for (int i = 0; i < m; i++) {
                distance[i] = Math.min(distance[i], Math.max(0, 1 - dot(row(rows, i), centres, c)));
                total += distance[i];
            }
            if (total <= 0) {
                chosen = random.nextInt(m);
                continue;
            }
            double target = random.nextDouble() * total;
            chosen = m - 1;
            for (int i = 0; i < m; i++) {
                target -= distance[i];
                if (target <= 0) {
                    chosen = i;
                    break;
                }
            }
        }
        int[] assignment = new int[m];
        java.util.Arrays.fill(assignment, -1);
        double[] similarity = new double[k];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            boolean changed = false;
            for (int i = 0; i < m; i++) {
                int p = row(rows, i);
                dots(p, centres, k, similarity);
                int best = 0;
                double bestSimilarity = -2;
                for (int c = 0; c < k; c++) {
                    double s = similarity[c];
                    if (s > bestSimilarity) {
                        bestSimilarity = s;
                        best = c;
                    }
                }
                if (assignment[i] != best) {
                    assignment[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            float[] sums = new float[k * d];
            int[] sizes = new int[k];
            for (int i = 0; i < m; i++) {
                int base = row(rows, i) * d;
                int into = assignment[i] * d;
                sizes[assignment[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[into + j] += data[base + j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (sizes[c] == 0) {
                    // An empty cluster keeps its centre.
                    System.arraycopy(centres, c * d, sums, c * d, d);
                    continue;
                }
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    norm += sums[c * d + j] * sums[c * d + j];
                }
                float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] *= scale;
                }
            }
            centres = sums;
        }
        return assignment;
    }

    private static int row(int[] rows, int i) {
        return rows == null ? i : rows[i];
    }

    /**
     * The point's similarity to each of the {@code k} centres, four centres at a time: four independent sums in one
     * loop keep the processor busy where one sum waits on its previous addition. Each sum adds in the same order as
     * {@link #dot}, so the values are exactly the same.
     */
    private void dots(int point, float[] centres, int k, double[] into) {
        int a = point * d;
        int c = 0;
        for (; c + 3 < k; c += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int b0 = c * d;
            int b1 = b0 + d;
            int b2 = b1 + d;
            int b3 = b2 + d;
            for (int j = 0; j < d; j++) {
                float x = data[a + j];
                s0 += x * centres[b0 + j];
                s1 += x * centres[b1 + j];
                s2 += x * centres[b2 + j];
                s3 += x * centres[b3 + j];
            }
            into[c] = s0;
            into[c + 1] = s1;
            into[c + 2] = s2;
            into[c + 3] = s3;
        }
        for (; c < k; c++) {
            into[c] = dot(point, centres, c);
        }
    }

    private double dot(int point, float[] centres, int c) {
        double sum = 0;
        int a = point * d;
        int b = c * d;
        for (int j = 0; j < d; j++) {
            sum += data[a + j] * centres[b + j];
        }
        return sum;
    }
}
