package org.coprogram.synthesis.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Spherical k-means (cosine similarity on unit TF-IDF vectors), seeded by k-means++ from a fixed seed: the same
 * vectors in the same order always give the same clusters.
 */
final class SphericalKMeans {

    private static final int MAX_ITERATIONS = 30;

    /** Assignment of each vector to a cluster, the unit centroids, and the summed similarity to them. */
    record Partition(int[] assignment, float[][] centroids, double cohesion) {

        int k() {
            return centroids.length;
        }
    }

    private SphericalKMeans() {
    }

    /** The best of {@code restarts} runs from k-means++ seeds {@code 1..restarts}. */
    static Partition cluster(List<SparseVector> vectors, int dimensions, int k, int restarts) {
        Partition best = null;
        for (int seed = 1; seed <= restarts; seed++) {
            Partition run = refine(vectors, seeds(vectors, dimensions, k, seed));
            if (best == null || run.cohesion() > best.cohesion() + 1e-9) {
                best = run;
            }
        }
        return best;
    }

    /** One run from k-means++ seeds drawn with {@code seed}. */
    static Partition clusterFrom(List<SparseVector> vectors, int dimensions, int k, long seed) {
        return refine(vectors, seeds(vectors, dimensions, k, seed));
    }

    /** Each vector to its nearest centroid, then the centroids of that assignment: one Lloyd step, no more. */
    static Partition assign(List<SparseVector> vectors, float[][] centroids) {
        int k = centroids.length;
        double[] similarity = new double[vectors.size()];
        int[] assignment = range(vectors.size()).map(i -> {
            int best = 0;
            double bestSimilarity = -2;
            for (int c = 0; c < k; c++) {
                double s = vectors.get(i).dot(centroids[c]);
                if (s > bestSimilarity) {
                    bestSimilarity = s;
                    best = c;
                }
            }
            similarity[i] = bestSimilarity;
            return best;
        }).toArray();
        return new Partition(assignment, centroids(vectors, assignment, k, centroids[0].length, similarity),
                Arrays.stream(similarity).sum());
    }

    /** Lloyd iterations from the given centroids until no vector changes cluster. */
    static Partition refine(List<SparseVector> vectors, float[][] initial) {
        int k = initial.length;
        float[][] centroids = initial;
        int[] assignment = new int[vectors.size()];
        Arrays.fill(assignment, -1);
        double cohesion = 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            float[][] current = centroids;
            double[] similarity = new double[vectors.size()];
            int[] next = range(vectors.size()).map(i -> {
                SparseVector v = vectors.get(i);
                int bestCluster = 0;
                double bestSimilarity = -1;
                for (int c = 0; c < k; c++) {
                    double s = v.dot(current[c]);
                    if (s > bestSimilarity) {
                        bestSimilarity = s;
                        bestCluster = c;
                    }
                }
                similarity[i] = bestSimilarity;
                return bestCluster;
            }).toArray();
            cohesion = Arrays.stream(similarity).sum();
            boolean changed = !Arrays.equals(next, assignment);
            assignment = next;
            centroids = centroids(vectors, assignment, k, current[0].length, similarity);
            if (!changed) {
                break;
            }
        }
        return new Partition(assignment, centroids, cohesion);
    }

    /** Texts from which a Lloyd step runs in parallel: under it, handing out the work costs more than the work. */
    static final int PARALLEL_FROM = 4000;

    /** 0..n, in parallel only for large n (each element is computed alone, so the result is the same either way). */
    static IntStream range(int n) {
        IntStream range = IntStream.range(0, n);
        return n >= PARALLEL_FROM ? range.parallel() : range;
    }

    /** k-means++: each next seed drawn with probability proportional to its distance from the nearest seed. */
    private static float[][] seeds(List<SparseVector> vectors, int dimensions, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centroids = new float[k][];
        double[] distance = new double[vectors.size()];
        Arrays.fill(distance, Double.MAX_VALUE);
        int chosen = random.nextInt(vectors.size());
        for (int c = 0; c < k; c++) {
            centroids[c] = dense(vectors.get(chosen), dimensions);
            double total = 0;
            for (int i = 0; i < vectors.size(); i++) {
                distance[i] = Math.min(distance[i], Math.max(0, 1 - vectors.get(i).dot(centroids[c])));
                total += distance[i];
            }
            if (total <= 0) {
                chosen = random.nextInt(vectors.size());
                continue;
            }
            double target = random.nextDouble() * total;
            chosen = vectors.size() - 1;
            for (int i = 0; i < vectors.size(); i++) {
                target -= distance[i];
                if (target <= 0) {
                    chosen = i;
                    break;
                }
            }
        }
        return centroids;
    }

    private static float[][] centroids(List<SparseVector> vectors, int[] assignment, int k, int dimensions,
            double[] similarity) {
        float[][] sums = new float[k][dimensions];
        int[] sizes = new int[k];
        for (int i = 0; i < vectors.size(); i++) {
            vectors.get(i).addTo(sums[assignment[i]]);
            sizes[assignment[i]]++;
        }
        for (int c = 0; c < k; c++) {
            if (sizes[c] == 0) {
                // An empty cluster takes the vector that fits its own cluster worst.
                int worst = 0;
                for (int i = 1; i < similarity.length; i++) {
                    if (similarity[i] < similarity[worst]) {
                        worst = i;
                    }
                }
                similarity[worst] = Double.MAX_VALUE;
                sums[c] = dense(vectors.get(worst), dimensions);
            }
            normalise(sums[c]);
        }
        return sums;
    }

    /**
     * Joins clusters whose centroids are at least {@code threshold} alike, the most alike pair first, so a topic that
     * k-means cut in two (same top words on both sides) is one cluster again.
     */
    static Partition merge(List<SparseVector> vectors, Partition partition, double threshold) {
        int k = partition.k();
        int[] assignment = partition.assignment().clone();
        float[][] centroids = partition.centroids().clone();
        boolean[] gone = new boolean[k];
        while (true) {
            int bestA = -1;
            int bestB = -1;
            double best = threshold;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k && !gone[a]; b++) {
                    double similarity = gone[b] ? -1 : dot(centroids[a], centroids[b]);
                    if (similarity >= best) {
                        best = similarity;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (bestA < 0) {
                break;
            }
            gone[bestB] = true;
            List<SparseVector> members = new java.util.ArrayList<>();
            for (int i = 0; i < assignment.length; i++) {
                if (assignment[i] == bestB) {
                    assignment[i] = bestA;
                }
                if (assignment[i] == bestA) {
                    members.add(vectors.get(i));
                }
            }
            centroids[bestA] = mean(members, centroids[bestA].length);
        }
        int[] renumber = new int[k];
        List<float[]> kept = new java.util.ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (!gone[c]) {
                renumber[c] = kept.size();
                kept.add(centroids[c]);
            }
        }
        double cohesion = 0;
        for (int i = 0; i < assignment.length; i++) {
            assignment[i] = renumber[assignment[i]];
            cohesion += vectors.get(i).dot(kept.get(assignment[i]));
        }
        return new Partition(assignment, kept.toArray(float[][]::new), cohesion);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The unit mean direction of all vectors: the centroid of a single cluster. */
    static float[] mean(List<SparseVector> vectors, int dimensions) {
        float[] sum = new float[dimensions];
        vectors.forEach(v -> v.addTo(sum));
        normalise(sum);
        return sum;
    }

    static float[] dense(SparseVector v, int dimensions) {
        float[] dense = new float[dimensions];
        v.addTo(dense);
        return dense;
    }

    private static void normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
    }

    /**
     * Mean silhouette with cosine distance: for each vector, how much nearer it is to its own cluster than to the
     * next nearest. Quadratic, so callers pass a sample.
     */
    static double silhouette(List<SparseVector> vectors, int[] assignment, int k) {
        return Silhouette.mean(vectors.size(), (i, j) -> 1 - vectors.get(i).dot(vectors.get(j)), assignment, k);
    }
}
