package org.coprogram.synthesis.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Spherical k-means on unit LSA vectors held as one dense row-major array: the inner loop of the vote
 * ({@link Consensus}) and of the stability resamples, which run it many times on a few hundred or thousand texts.
 * Single-threaded (callers run independent runs in parallel); k-means++ seeding from the given seed, at most
 * {@value #MAX_ITERATIONS} Lloyd steps.
 * <p>
 * A Lloyd step computes only the similarities that can change a point's cluster (Elkan's bounds, for similarities):
 * per point, a lower bound of its similarity to its own centre and an upper bound of its similarity to each other
 * centre; when a centre moves by s, a similarity to it moves by at most s times the point's length. A similarity the
 * bounds leave open is computed, so every point ends in exactly the cluster that computing all of them gives.
 */
final class DenseKMeans {

    static final int MAX_ITERATIONS = 20;
    /**
     * How far apart bounds must be for a similarity to be left out: well above the rounding of a computed one (float
     * products of unit vectors added in double, under 1e-7), so what is left out could not have changed the result.
     */
    static final double SLACK = 1e-5;

    private final float[] data;
    private final double[] lengths;
    private final int n;
    private final int d;

    DenseKMeans(List<SparseVector> points, int dimensions) {
        this.n = points.size();
        this.d = dimensions;
        this.data = new float[n * d];
        this.lengths = new double[n];
        for (int i = 0; i < n; i++) {
            SparseVector v = points.get(i);
            double squares = 0;
            for (int j = 0; j < v.terms().length; j++) {
                data[i * d + v.terms()[j]] = v.weights()[j];
                squares += (double) v.weights()[j] * v.weights()[j];
            }
            lengths[i] = Math.sqrt(squares);
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
        int[] from = new int[m];
        double[] length = new double[m];
        for (int i = 0; i < m; i++) {
            int point = rows == null ? i : rows[i];
            from[i] = point * d;
            length[i] = lengths[point];
        }
        float[] centres = seeds(k, new SplittableRandom(seed), from);
        int[] assignment = new int[m];
        // Per point, as of step stamp[i]: lower[i] <= its similarity to its own centre, upper[i * k + c] >= its
        // similarity to centre c, farthest[i] = the largest upper bound of another centre. A bound moves by the
        // centre's drift since then (drift[t * k + c]: how far centre c moved up to step t; reach[t]: the sum of the
        // largest move of each step) times the point's length.
        double[] lower = new double[m];
        double[] upper = new double[m * k];
        double[] farthest = new double[m];
        int[] stamp = new int[m];
        double[] drift = new double[MAX_ITERATIONS * k];
        double[] reach = new double[MAX_ITERATIONS];
        first(centres, k, from, assignment, lower, upper, farthest);
        boolean[] moved = new boolean[k];
        Arrays.fill(moved, true);
        double[] shift = new double[k];
        float[] sums = new float[k * d];
        int[] open = new int[m];
        double[] own = new double[m];
        int[] pairPoint = new int[m * k];
        int[] aFrom = new int[m * k];
        int[] bFrom = new int[m * k];
        double[] exact = new double[m * k];
        for (int t = 1; t < MAX_ITERATIONS; t++) {
            centres(centres, sums, k, from, assignment, moved, shift);
            double largest = 0;
            for (int c = 0; c < k; c++) {
                drift[t * k + c] = drift[(t - 1) * k + c] + shift[c];
                largest = Math.max(largest, shift[c]);
            }
            reach[t] = reach[t - 1] + largest;
            // The points whose bounds leave their cluster open, first by the cheap bound, then centre by centre.
            int count = 0;
            for (int i = 0; i < m; i++) {
                int mine = assignment[i];
                int then = stamp[i];
                double low = lower[i] - (drift[t * k + mine] - drift[then * k + mine]) * length[i];
                if (low - (farthest[i] + (reach[t] - reach[then]) * length[i]) > SLACK) {
                    continue;
                }
                int u = i * k;
                double high = -Double.MAX_VALUE;
                for (int c = 0; c < k; c++) {
                    upper[u + c] += (drift[t * k + c] - drift[then * k + c]) * length[i];
                    if (c != mine) {
                        high = Math.max(high, upper[u + c]);
                    }
                }
                stamp[i] = t;
                lower[i] = low;
                farthest[i] = high;
                if (low - high > SLACK) {
                    continue;
                }
                aFrom[count] = from[i];
                bFrom[count] = mine * d;
                open[count++] = i;
            }
            Dots.pairs(data, aFrom, centres, bFrom, count, d, own);
            // Their similarity to each other centre the bounds leave within reach, all in one batch.
            int pairs = 0;
            for (int o = 0; o < count; o++) {
                int i = open[o];
                int u = i * k;
                upper[u + assignment[i]] = own[o];
                for (int c = 0; c < k; c++) {
                    if (c != assignment[i] && own[o] - upper[u + c] <= SLACK) {
                        pairPoint[pairs] = i;
                        aFrom[pairs] = from[i];
                        bFrom[pairs++] = c;
                    }
                }
            }
            for (int p = 0; p < pairs; p++) {
                bFrom[p] *= d;
            }
            Dots.pairs(data, aFrom, centres, bFrom, pairs, d, exact);
            for (int p = 0; p < pairs; p++) {
                upper[pairPoint[p] * k + bFrom[p] / d] = exact[p];
            }
            // The first most similar centre, as when every similarity is computed: each centre left out is below the
            // point's own by more than any rounding, the others hold their computed similarity.
            boolean changed = false;
            for (int o = 0; o < count; o++) {
                int i = open[o];
                int best = nearest(upper, i, k, lower, farthest);
                if (best != assignment[i]) {
                    moved[assignment[i]] = true;
                    moved[best] = true;
                    assignment[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return assignment;
    }

    /** k-means++: each next seed drawn with probability proportional to its distance from the nearest seed. */
    private float[] seeds(int k, SplittableRandom random, int[] from) {
        int m = from.length;
        float[] centres = new float[k * d];
        double[] distance = new double[m];
        Arrays.fill(distance, Double.MAX_VALUE);
        int[] at = new int[m];
        double[] similarity = new double[m];
        int chosen = random.nextInt(m);
        for (int c = 0; c < k; c++) {
            System.arraycopy(data, from[chosen], centres, c * d, d);
            Arrays.fill(at, c * d);
            Dots.pairs(data, from, centres, at, m, d, similarity);
            double total = 0;
            for (int i = 0; i < m; i++) {
                distance[i] = Math.min(distance[i], Math.max(0, 1 - similarity[i]));
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
        return centres;
    }

    /** The first step: every similarity, the most similar centre of each point, the bounds exact. */
    private void first(float[] centres, int k, int[] from, int[] assignment, double[] lower, double[] upper,
            double[] farthest) {
        int m = from.length;
        int[] aFrom = new int[m * k];
        int[] bFrom = new int[m * k];
        for (int i = 0, p = 0; i < m; i++) {
            for (int c = 0; c < k; c++, p++) {
                aFrom[p] = from[i];
                bFrom[p] = c * d;
            }
        }
        Dots.pairs(data, aFrom, centres, bFrom, m * k, d, upper);
        for (int i = 0; i < m; i++) {
            assignment[i] = nearest(upper, i, k, lower, farthest);
        }
    }

    /**
     * The first most similar centre of point {@code i} by its similarities {@code upper[i * k ..]} (exact or bounds
     * far below), with {@code lower[i]} set to that similarity and {@code farthest[i]} to the largest of the others.
     */
    private static int nearest(double[] upper, int i, int k, double[] lower, double[] farthest) {
        int u = i * k;
        int best = 0;
        double bestSimilarity = -2;
        for (int c = 0; c < k; c++) {
            if (upper[u + c] > bestSimilarity) {
                bestSimilarity = upper[u + c];
                best = c;
            }
        }
        double high = -Double.MAX_VALUE;
        for (int c = 0; c < k; c++) {
            if (c != best) {
                high = Math.max(high, upper[u + c]);
            }
        }
        lower[i] = bestSimilarity;
        farthest[i] = high;
        return best;
    }

    /**
     * The unit mean of each cluster whose members changed, in place (an empty one keeps its centre), summed in point
     * order as always; a cluster whose members did not change keeps its centre, which summing them again would give
     * exactly. How far each centre moved into {@code shift}; {@code moved} is cleared. {@code sums} is scratch.
     */
    private void centres(float[] centres, float[] sums, int k, int[] from, int[] assignment, boolean[] moved,
            double[] shift) {
        int[] sizes = new int[k];
        for (int c = 0; c < k; c++) {
            if (moved[c]) {
                Arrays.fill(sums, c * d, (c + 1) * d, 0f);
            }
        }
        for (int i = 0; i < from.length; i++) {
            int c = assignment[i];
            if (!moved[c]) {
                continue;
            }
            int base = from[i];
            int into = c * d;
            sizes[c]++;
            for (int j = 0; j < d; j++) {
                sums[into + j] += data[base + j];
            }
        }
        for (int c = 0; c < k; c++) {
            shift[c] = 0;
            if (!moved[c] || sizes[c] == 0) {
                continue;
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += sums[c * d + j] * sums[c * d + j];
            }
            float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            double distance = 0;
            for (int j = 0; j < d; j++) {
                float next = sums[c * d + j] * scale;
                double step = (double) next - centres[c * d + j];
                distance += step * step;
                centres[c * d + j] = next;
            }
            shift[c] = Math.sqrt(distance);
        }
        Arrays.fill(moved, false);
    }
}
