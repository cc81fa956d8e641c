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
        Rows rows = Rows.of(vectors, dimensions);
        Partition best = null;
        for (int seed = 1; seed <= restarts; seed++) {
            Partition run = refine(rows, seeds(rows, k, seed));
            if (best == null || run.cohesion() > best.cohesion() + 1e-9) {
                best = run;
            }
        }
        return best;
    }

    /** One run from k-means++ seeds drawn with {@code seed}. */
    static Partition clusterFrom(List<SparseVector> vectors, int dimensions, int k, long seed) {
        Rows rows = Rows.of(vectors, dimensions);
        return refine(rows, seeds(rows, k, seed));
    }

    /** Each vector to its nearest centroid, then the centroids of that assignment: one Lloyd step, no more. */
    static Partition assign(List<SparseVector> vectors, float[][] centroids) {
        Rows rows = Rows.of(vectors, centroids[0].length);
        int k = centroids.length;
        double[] similarity = new double[rows.n()];
        int[] assignment = rows.nearest(centroids, -2, similarity, new double[rows.n() * k], null, new Scratch(k));
        return new Partition(assignment, centroids(rows, assignment, k, similarity),
                Arrays.stream(similarity).sum());
    }

    /** Lloyd iterations from the given centroids until no vector changes cluster. */
    static Partition refine(List<SparseVector> vectors, float[][] initial) {
        return refine(Rows.of(vectors, initial[0].length), initial);
    }

    private static Partition refine(Rows rows, float[][] initial) {
        int k = initial.length;
        int n = rows.n();
        float[][] centroids = initial;
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        double cohesion = 0;
        // Upper bounds of each point's similarity to each centre (Elkan's, for similarities): a step computes a
        // point's similarity to its own centre and to the centres whose bound comes near it, no others.
        double[] upper = new double[n * k];
        double[] lengths = rows.lengths();
        Scratch scratch = new Scratch(k);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] similarity = new double[n];
            int[] next = rows.nearest(centroids, -1, similarity, upper, iteration == 0 ? null : assignment, scratch);
            cohesion = Arrays.stream(similarity).sum();
            boolean changed = !Arrays.equals(next, assignment);
            assignment = next;
            float[][] previous = centroids;
            centroids = centroids(rows, assignment, k, similarity);
            for (int c = 0; c < k; c++) {
                double moved = 0;
                for (int j = 0; j < rows.d(); j++) {
                    double step = (double) centroids[c][j] - previous[c][j];
                    moved += step * step;
                }
                double shift = Math.sqrt(moved);
                for (int i = 0; i < n; i++) {
                    upper[i * k + c] += shift * lengths[i];
                }
            }
            if (!changed) {
                break;
            }
        }
        return new Partition(assignment, centroids, cohesion);
    }

    /** Texts from which a Lloyd step runs in parallel: under it, handing out the work costs more than the work. */
    static final int PARALLEL_FROM = 4000;

    /** k-means++: each next seed drawn with probability proportional to its distance from the nearest seed. */
    private static float[][] seeds(Rows rows, int k, long seed) {
        int n = rows.n();
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centroids = new float[k][];
        double[] distance = new double[n];
        Arrays.fill(distance, Double.MAX_VALUE);
        int chosen = random.nextInt(n);
        for (int c = 0; c < k; c++) {
            centroids[c] = rows.row(chosen);
            double[] similarity = rows.similarities(centroids[c]);
            double total = 0;
            for (int i = 0; i < n; i++) {
                distance[i] = Math.min(distance[i], Math.max(0, 1 - similarity[i]));
                total += distance[i];
            }
            if (total <= 0) {
                chosen = random.nextInt(n);
                continue;
            }
            double target = random.nextDouble() * total;
            chosen = n - 1;
            for (int i = 0; i < n; i++) {
                target -= distance[i];
                if (target <= 0) {
                    chosen = i;
                    break;
                }
            }
        }
        return centroids;
    }

    private static float[][] centroids(Rows rows, int[] assignment, int k, double[] similarity) {
        int d = rows.d();
        float[][] sums = new float[k][d];
        int[] sizes = new int[k];
        for (int i = 0; i < rows.n(); i++) {
            rows.addTo(i, sums[assignment[i]]);
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
                sums[c] = rows.row(worst);
            }
            normalise(sums[c]);
        }
        return sums;
    }

    /** Buffers of one block of {@link Rows#nearest}: the pairs to compute and their similarities. */
    record Scratch(int[] aFrom, int[] bFrom, int[] at, double[] similarity) {

        Scratch(int k) {
            this(new int[Rows.BLOCK * k], new int[Rows.BLOCK * k], new int[Rows.BLOCK * k],
                    new double[Rows.BLOCK * k]);
        }
    }

    /**
     * Cosine of every pair of unit LSA vectors (all of the same length). The matrix is symmetric, and a product of
     * floats is the same either way round, so each pair is computed once.
     */
    static float[][] cosines(List<SparseVector> vectors) {
        int n = vectors.size();
        Rows rows = Rows.of(vectors, n == 0 ? 0 : vectors.get(0).terms().length);
        float[][] cosine = new float[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] aFrom = new int[n - i];
            for (int j = i; j < n; j++) {
                aFrom[j - i] = j * rows.d();
            }
            int[] bFrom = new int[n - i];
            Arrays.fill(bFrom, i * rows.d());
            double[] s = new double[n - i];
            Dots.pairs(rows.data(), aFrom, rows.data(), bFrom, n - i, rows.d(), s);
            for (int j = i; j < n; j++) {
                cosine[i][j] = (float) s[j - i];
            }
        });
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                cosine[i][j] = cosine[j][i];
            }
        }
        return cosine;
    }

    /**
     * The vectors as one dense row-major array: a similarity walks one contiguous row instead of looking up each
     * component's position. Each sum adds the same products in the same order as {@link SparseVector#dot(float[])}
     * (the components a sparse vector lacks add zero), so the values are exactly the same.
     */
    record Rows(float[] data, int n, int d) {

        static final int BLOCK = 256;

        static Rows of(List<SparseVector> vectors, int dimensions) {
            float[] data = new float[vectors.size() * dimensions];
            for (int i = 0; i < vectors.size(); i++) {
                SparseVector v = vectors.get(i);
                for (int j = 0; j < v.terms().length; j++) {
                    data[i * dimensions + v.terms()[j]] = v.weights()[j];
                }
            }
            return new Rows(data, vectors.size(), dimensions);
        }

        double dot(int i, float[] centre) {
            return Dots.dot(data, i * d, centre, 0, d);
        }

        /** Every row's similarity to one centre, four rows per pass. */
        double[] similarities(float[] centre) {
            int[] aFrom = new int[n];
            for (int i = 0; i < n; i++) {
                aFrom[i] = i * d;
            }
            double[] into = new double[n];
            Dots.pairs(data, aFrom, centre, new int[n], n, d, into);
            return into;
        }

        /**
         * Each row's most similar centre (the first of equals; none above {@code floor}: the first centre) and that
         * similarity, into {@code similarity}. {@code upper} holds, per row and centre, an upper bound of their
         * similarity and receives every similarity computed. With {@code previous} (each row's centre of the last
         * step), a row's similarity to its previous centre is computed, and to another centre only where the bound
         * is within {@link DenseKMeans#SLACK} of it: a centre left out is less similar than the previous one by more
         * than any rounding, so the result is that of computing them all. Rows in blocks of {@value #BLOCK} (in
         * parallel from {@value SphericalKMeans#PARALLEL_FROM} rows), a block's pairs four per pass; each row's
         * result depends on that row alone.
         */
        int[] nearest(float[][] centroids, double floor, double[] similarity, double[] upper, int[] previous,
                Scratch scratch) {
            int k = centroids.length;
            float[] centres = new float[k * d];
            for (int c = 0; c < k; c++) {
                System.arraycopy(centroids[c], 0, centres, c * d, d);
            }
            int[] assignment = new int[n];
            IntStream blocks = IntStream.range(0, (n + BLOCK - 1) / BLOCK);
            (n >= PARALLEL_FROM ? blocks.parallel() : blocks).forEach(block -> {
                int from = block * BLOCK;
                int to = Math.min(n, from + BLOCK);
                // One block at a time, or blocks in parallel each with its own buffers.
                Scratch own = n >= PARALLEL_FROM ? new Scratch(k) : scratch;
                int[] aFrom = own.aFrom();
                int[] bFrom = own.bFrom();
                int[] at = own.at();
                double[] s = own.similarity();
                int pairs = 0;
                if (previous == null) {
                    for (int i = from; i < to; i++) {
                        for (int c = 0; c < k; c++) {
                            aFrom[pairs] = i * d;
                            bFrom[pairs] = c * d;
                            at[pairs++] = i * k + c;
                        }
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        aFrom[pairs] = i * d;
                        bFrom[pairs] = previous[i] * d;
                        at[pairs++] = i * k + previous[i];
                    }
                    Dots.pairs(data, aFrom, centres, bFrom, pairs, d, s);
                    for (int p = 0; p < pairs; p++) {
                        upper[at[p]] = s[p];
                    }
                    pairs = 0;
                    for (int i = from; i < to; i++) {
                        double mine = upper[i * k + previous[i]];
                        for (int c = 0; c < k; c++) {
                            if (c != previous[i] && mine - upper[i * k + c] <= DenseKMeans.SLACK) {
                                aFrom[pairs] = i * d;
                                bFrom[pairs] = c * d;
                                at[pairs++] = i * k + c;
                            }
                        }
                    }
                }
                Dots.pairs(data, aFrom, centres, bFrom, pairs, d, s);
                for (int p = 0; p < pairs; p++) {
                    upper[at[p]] = s[p];
                }
                for (int i = from; i < to; i++) {
                    int best = 0;
                    double bestSimilarity = floor;
                    for (int c = 0; c < k; c++) {
                        if (upper[i * k + c] > bestSimilarity) {
                            bestSimilarity = upper[i * k + c];
                            best = c;
                        }
                    }
                    assignment[i] = best;
                    similarity[i] = bestSimilarity;
                }
            });
            return assignment;
        }

        /** The length of each row. */
        double[] lengths() {
            double[] lengths = new double[n];
            for (int i = 0; i < n; i++) {
                double squares = 0;
                for (int j = 0; j < d; j++) {
                    squares += (double) data[i * d + j] * data[i * d + j];
                }
                lengths[i] = Math.sqrt(squares);
            }
            return lengths;
        }

        void addTo(int i, float[] sum) {
            int a = i * d;
            for (int j = 0; j < d; j++) {
                sum[j] += data[a + j];
            }
        }

        float[] row(int i) {
            return Arrays.copyOfRange(data, i * d, (i + 1) * d);
        }
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
