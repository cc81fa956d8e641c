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
