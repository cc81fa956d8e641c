package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SphericalKMeansTest {

    private static final int GROUPS = 3;
    private static final int TERMS_PER_GROUP = 10;
    private static final int DIMENSIONS = GROUPS * TERMS_PER_GROUP;
    private static final int PER_GROUP = 20;

    /** Vectors of three topics with disjoint vocabularies, {@code PER_GROUP} of each, interleaved. */
    private static final List<SparseVector> VECTORS = separatedTopics(new Random(7));

    private static int topicOf(int index) {
        return index % GROUPS;
    }

    @Test
    void clearlySeparatedTopicsComeBackAsTheirOwnClusters() {
        SphericalKMeans.Partition partition = SphericalKMeans.cluster(VECTORS, DIMENSIONS, GROUPS, 3);

        assertThat(partition.k()).isEqualTo(GROUPS);
        Set<Integer> clustersSeen = new HashSet<>();
        for (int topic = 0; topic < GROUPS; topic++) {
            int first = partition.assignment()[topic];
            for (int i = topic; i < VECTORS.size(); i += GROUPS) {
                assertThat(partition.assignment()[i]).as("cluster of vector %d (topic %d)", i, topic).isEqualTo(first);
            }
            clustersSeen.add(first);
        }
        assertThat(clustersSeen).as("one cluster per topic").hasSize(GROUPS);
        for (float[] centroid : partition.centroids()) {
            assertThat(norm(centroid)).as("centroid length").isCloseTo(1.0, Offset.offset(1e-4));
        }
    }

    @Test
    void theSameVectorsGiveTheSameClustersEveryTime() {
        SphericalKMeans.Partition first = SphericalKMeans.cluster(VECTORS, DIMENSIONS, 5, 4);
        SphericalKMeans.Partition second = SphericalKMeans.cluster(VECTORS, DIMENSIONS, 5, 4);

        assertThat(second.assignment()).isEqualTo(first.assignment());
        assertThat(second.cohesion()).isEqualTo(first.cohesion());
    }

    @Test
    void aTopicCutInTwoIsJoinedAgainAndDistinctTopicsStayApart() {
        // Topic 0 split between clusters 0 and 1 (same vocabulary), topics 1 and 2 in clusters 2 and 3.
        int[] assignment = IntStream.range(0, VECTORS.size())
                .map(i -> topicOf(i) == 0 ? (i / GROUPS) % 2 : topicOf(i) + 1).toArray();
        float[][] centroids = IntStream.range(0, 4).mapToObj(c -> SphericalKMeans.mean(
                IntStream.range(0, VECTORS.size()).filter(i -> assignment[i] == c).mapToObj(VECTORS::get).toList(),
                DIMENSIONS)).toArray(float[][]::new);

        SphericalKMeans.Partition merged = SphericalKMeans.merge(VECTORS,
                new SphericalKMeans.Partition(assignment, centroids, 0), 0.8);

        assertThat(merged.k()).isEqualTo(GROUPS);
        for (int i = 0; i < VECTORS.size(); i++) {
            assertThat(merged.assignment()[i]).as("cluster of vector %d", i).isEqualTo(topicOf(i));
        }
    }

    @Test
    void theSilhouetteOfTheTopicsIsHighAndOfAnArbitraryCutIsNot() {
        int[] byTopic = IntStream.range(0, VECTORS.size()).map(SphericalKMeansTest::topicOf).toArray();
        int[] arbitrary = IntStream.range(0, VECTORS.size()).map(i -> (i / GROUPS) % GROUPS).toArray();

        assertThat(SphericalKMeans.silhouette(VECTORS, byTopic, GROUPS)).isGreaterThan(0.5);
        assertThat(SphericalKMeans.silhouette(VECTORS, arbitrary, GROUPS)).isLessThan(0.1);
    }

    @Test
    void theBoundsGiveTheClustersAndCohesionOfComputingEverySimilarity() {
        for (double noise : new double[]{0.5, 2.0}) {
            List<SparseVector> points = DenseKMeansTest.noisyTopics(350, 20, 5, noise, 9);
            for (int k = 2; k <= 7; k++) {
                float[][] initial = new float[k][];
                for (int c = 0; c < k; c++) {
                    initial[c] = SphericalKMeans.dense(points.get(c * 31), 20);
                }

                SphericalKMeans.Partition bounded = SphericalKMeans.refine(points, initial);
                SphericalKMeans.Partition every = everySimilarity(points, initial);

                assertThat(bounded.assignment()).as("noise %s, k %d", noise, k).containsExactly(every.assignment());
                assertThat(bounded.cohesion()).isEqualTo(every.cohesion());
                for (int c = 0; c < k; c++) {
                    assertThat(bounded.centroids()[c]).containsExactly(every.centroids()[c]);
                }
            }
        }
    }

    /** Lloyd steps computing every similarity (as before the bounds), on the sparse vectors themselves. */
    private static SphericalKMeans.Partition everySimilarity(List<SparseVector> vectors, float[][] initial) {
        int k = initial.length;
        int d = initial[0].length;
        float[][] centroids = initial;
        int[] assignment = new int[vectors.size()];
        java.util.Arrays.fill(assignment, -1);
        double cohesion = 0;
        for (int iteration = 0; iteration < 30; iteration++) {
            double[] similarity = new double[vectors.size()];
            int[] next = new int[vectors.size()];
            for (int i = 0; i < vectors.size(); i++) {
                double best = -1;
                for (int c = 0; c < k; c++) {
                    double s = vectors.get(i).dot(centroids[c]);
                    if (s > best) {
                        best = s;
                        next[i] = c;
                    }
                }
                similarity[i] = best;
            }
            cohesion = java.util.Arrays.stream(similarity).sum();
            boolean changed = !java.util.Arrays.equals(next, assignment);
            assignment = next;
            float[][] sums = new float[k][d];
            for (int i = 0; i < vectors.size(); i++) {
                vectors.get(i).addTo(sums[assignment[i]]);
            }
            for (float[] sum : sums) {
                double norm = 0;
                for (float x : sum) {
                    norm += x * x;
                }
                for (int j = 0; j < d && norm > 0; j++) {
                    sum[j] *= (float) (1 / Math.sqrt(norm));
                }
            }
            centroids = sums;
            if (!changed) {
                break;
            }
        }
        return new SphericalKMeans.Partition(assignment, centroids, cohesion);
    }

    @Test
    void theCosineMatrixHoldsEachPairsSimilarity() {
        List<SparseVector> points = DenseKMeansTest.noisyTopics(37, 12, 3, 1.0, 4);

        float[][] cosine = SphericalKMeans.cosines(points);

        for (int i = 0; i < points.size(); i++) {
            for (int j = 0; j < points.size(); j++) {
                assertThat(cosine[i][j]).isEqualTo((float) points.get(j).dot(SphericalKMeans.dense(points.get(i),
                        12)));
            }
        }
    }

    private static List<SparseVector> separatedTopics(Random random) {
        List<SparseVector> vectors = new ArrayList<>();
        for (int n = 0; n < PER_GROUP; n++) {
            for (int topic = 0; topic < GROUPS; topic++) {
                // Four to seven of the topic's ten terms, weights between 0.5 and 1, then unit length.
                int size = 4 + random.nextInt(4);
                int[] terms = random.ints(topic * TERMS_PER_GROUP, (topic + 1) * TERMS_PER_GROUP).distinct()
                        .limit(size).sorted().toArray();
                float[] weights = new float[terms.length];
                double norm = 0;
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = 0.5f + random.nextFloat() / 2;
                    norm += weights[i] * weights[i];
                }
                for (int i = 0; i < weights.length; i++) {
                    weights[i] /= (float) Math.sqrt(norm);
                }
                vectors.add(new SparseVector(terms, weights));
            }
        }
        return vectors;
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
