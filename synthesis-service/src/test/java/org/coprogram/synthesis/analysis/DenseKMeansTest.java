package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DenseKMeansTest {

    /** Unit vectors around a few directions, with noise, so that many points sit near a border. */
    static List<SparseVector> noisyTopics(int n, int d, int topics, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[topics][d];
        for (double[] centre : centres) {
            for (int j = 0; j < d; j++) {
                centre[j] = random.nextGaussian();
            }
        }
        List<SparseVector> points = new ArrayList<>();
        int[] components = new int[d];
        for (int j = 0; j < d; j++) {
            components[j] = j;
        }
        for (int i = 0; i < n; i++) {
            double[] x = new double[d];
            double norm = 0;
            for (int j = 0; j < d; j++) {
                x[j] = centres[i % topics][j] + noise * random.nextGaussian();
                norm += x[j] * x[j];
            }
            float[] w = new float[d];
            for (int j = 0; j < d; j++) {
                w[j] = (float) (x[j] / Math.sqrt(norm));
            }
            points.add(new SparseVector(components, w));
        }
        return points;
    }

    /**
     * Spherical k-means computing every similarity at every step (the method before the bounds): k-means++ from the
     * seed, at most {@value DenseKMeans#MAX_ITERATIONS} steps, the first most similar centre, empty clusters keep
     * their centre.
     */
    static int[] everySimilarity(List<SparseVector> points, int d, int k, long seed, int[] rows) {
        int m = rows == null ? points.size() : rows.length;
        float[][] x = new float[m][];
        for (int i = 0; i < m; i++) {
            x[i] = SphericalKMeans.dense(points.get(rows == null ? i : rows[i]), d);
        }
        k = Math.min(k, m);
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[k][];
        double[] distance = new double[m];
        Arrays.fill(distance, Double.MAX_VALUE);
        int chosen = random.nextInt(m);
        for (int c = 0; c < k; c++) {
            centres[c] = x[chosen].clone();
            double total = 0;
            for (int i = 0; i < m; i++) {
                distance[i] = Math.min(distance[i], Math.max(0, 1 - dot(x[i], centres[c])));
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
        Arrays.fill(assignment, -1);
        for (int iteration = 0; iteration < DenseKMeans.MAX_ITERATIONS; iteration++) {
            boolean changed = false;
            for (int i = 0; i < m; i++) {
                int best = 0;
                double bestSimilarity = -2;
                for (int c = 0; c < k; c++) {
                    double s = dot(x[i], centres[c]);
                    if (s > bestSimilarity) {
                        bestSimilarity = s;
                        best = c;
                    }
                }
                changed |= assignment[i] != best;
                assignment[i] = best;
            }
            if (!changed) {
                break;
            }
            float[][] sums = new float[k][d];
            int[] sizes = new int[k];
            for (int i = 0; i < m; i++) {
                sizes[assignment[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[assignment[i]][j] += x[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (sizes[c] == 0) {
                    sums[c] = centres[c];
                    continue;
                }
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    norm += sums[c][j] * sums[c][j];
                }
                float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
                for (int j = 0; j < d; j++) {
                    sums[c][j] *= scale;
                }
            }
            centres = sums;
        }
        return assignment;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    @Test
    void theBoundsLeaveEveryPointWhereComputingEverySimilarityPutsIt() {
        for (double noise : new double[]{0.3, 1.0, 3.0}) {
            List<SparseVector> points = noisyTopics(400, 24, 6, noise, 11);
            DenseKMeans kmeans = new DenseKMeans(points, 24);
            for (int k = 2; k <= 13; k += 3) {
                for (long seed = 1000; seed < 1004; seed++) {
                    assertThat(kmeans.run(k, seed)).as("noise %s, k %d, seed %d", noise, k, seed)
                            .containsExactly(everySimilarity(points, 24, k, seed, null));
                }
            }
        }
    }

    @Test
    void aRunOnSomeOfThePointsIsThatOfComputingEverySimilarityOnThem() {
        List<SparseVector> points = noisyTopics(300, 16, 4, 1.5, 5);
        int[] rows = TopicModel.shuffled(300, 3);
        rows = Arrays.copyOf(rows, 270);
        Arrays.sort(rows);

        assertThat(new DenseKMeans(points, 16).run(5, 7, rows))
                .containsExactly(everySimilarity(points, 16, 5, 7, rows));
    }

    @Test
    void fourSumsAtATimeGiveExactlyTheSumsComputedOneByOne() {
        SplittableRandom random = new SplittableRandom(3);
        float[] a = new float[50 * 37];
        float[] b = new float[9 * 37];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian();
        }
        int count = 23;
        int[] aFrom = new int[count];
        int[] bFrom = new int[count];
        for (int t = 0; t < count; t++) {
            aFrom[t] = random.nextInt(50) * 37;
            bFrom[t] = random.nextInt(9) * 37;
        }
        double[] four = new double[count];

        Dots.pairs(a, aFrom, b, bFrom, count, 37, four);

        for (int t = 0; t < count; t++) {
            assertThat(four[t]).isEqualTo(Dots.dot(a, aFrom[t], b, bFrom[t], 37));
            assertThat(four[t]).isEqualTo(dot(Arrays.copyOfRange(a, aFrom[t], aFrom[t] + 37),
                    Arrays.copyOfRange(b, bFrom[t], bFrom[t] + 37)));
        }
    }
}
