package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ResampledStabilityTest {

    private static final int DIMENSIONS = 12;

    @Test
    void clustersTheResamplesFindAgainAreFullyStableThoughResamplesLeaveMembersOut() {
        // Three clusters of 4: most resamples of 90% leave one member out, and the pairs it is in are not counted.
        List<Integer> points = IntStream.range(0, 12).boxed().toList();
        int[] assignment = points.stream().mapToInt(p -> p % 3).toArray();

        double[] stability = ResampledStability.of(points, assignment, 3,
                resample -> resample.stream().mapToInt(p -> p % 3).toArray(), 5, 0.9, 1);

        assertThat(stability).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void aClusterEveryResampleScattersHasNoStability() {
        List<Integer> points = IntStream.range(0, 20).boxed().toList();

        double[] stability = ResampledStability.of(points, new int[20], 1,
                resample -> IntStream.range(0, resample.size()).toArray(), 5, 0.9, 1);

        assertThat(stability).containsExactly(0.0);
    }

    @Test
    void theShareIsPooledOverTheResamplesOnThePairsEachOneHolds() {
        // One cluster of 10 that every resample splits into points below 4 and the rest.
        List<Integer> points = IntStream.range(0, 10).boxed().toList();
        double together = 0;
        double pairs = 0;
        for (int b = 0; b < 4; b++) {
            int[] kept = ResampledStability.resample(10, 0.7, 3 + b);
            long low = Arrays.stream(kept).filter(p -> p < 4).count();
            long high = kept.length - low;
            together += low * (low - 1) / 2.0 + high * (high - 1) / 2.0;
            pairs += kept.length * (kept.length - 1) / 2.0;
        }

        double[] stability = ResampledStability.of(points, new int[10], 1,
                resample -> resample.stream().mapToInt(p -> p < 4 ? 0 : 1).toArray(), 4, 0.7, 3);

        assertThat(stability[0]).isEqualTo(together / pairs).isBetween(0.3, 0.7);
    }

    @Test
    void wellSeparatedTopicsStayTogetherWhenTheVoteRunsAgainOnResamples() {
        List<SparseVector> points = groups(new SplittableRandom(5), 3, 100, 0.1);
        int[] truth = IntStream.range(0, points.size()).map(i -> i % 3).toArray();

        double[] stability = stabilityByTheVote(points, truth, 3);

        assertThat(Arrays.stream(stability).min().orElseThrow()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void aRandomHalfOfAUniformCloudIsNotStable() {
        SplittableRandom random = new SplittableRandom(9);
        List<SparseVector> points = groups(random, 1, 300, 1.0);
        int[] half = IntStream.range(0, points.size()).map(i -> random.nextInt(2)).toArray();

        double[] stability = stabilityByTheVote(points, half, 2);

        assertThat(Arrays.stream(stability).max().orElseThrow()).isLessThan(0.8);
    }

    @Test
    void theSameSeedGivesTheSameFigures() {
        // A uniform cloud dealt into four: figures well under 1, which any drift between runs would show.
        List<SparseVector> points = groups(new SplittableRandom(3), 1, 240, 1.0);
        int[] assignment = IntStream.range(0, points.size()).map(i -> i % 4).toArray();

        double[] first = stabilityByTheVote(points, assignment, 4);
        double[] second = stabilityByTheVote(points, assignment, 4);

        assertThat(second).containsExactly(first);
        assertThat(Arrays.stream(first).min().orElseThrow()).isLessThan(1.0);
    }

    /** The stability {@link TopicModel} reports for a theme of these texts, clustered as {@code assignment}. */
    private static double[] stabilityByTheVote(List<SparseVector> points, int[] assignment, int k) {
        int n = points.size();
        return new TopicModel(20).resampledStability(points, assignment, k, DIMENSIONS,
                Math.min(20, n / TopicModel.MIN_MEAN_SIZE), n >= TopicModel.ALWAYS_SPLIT,
                TopicModel.Vote.of(n, TopicModel.VOTES, true));
    }

    /**
     * {@code perGroup} unit vectors around each of {@code count} directions (interleaved: text i is in group
     * i % count), with noise of {@code spread} on every dimension; spread 1 and one group is a uniform cloud.
     */
    private static List<SparseVector> groups(SplittableRandom random, int count, int perGroup, double spread) {
        int[] terms = IntStream.range(0, DIMENSIONS).toArray();
        List<SparseVector> points = new ArrayList<>();
        for (int i = 0; i < count * perGroup; i++) {
            int group = i % count;
            float[] w = new float[DIMENSIONS];
            double norm = 0;
            for (int t = 0; t < DIMENSIONS; t++) {
                double centre = count > 1 && t % count == group ? 1 : 0;
                w[t] = (float) (centre + spread * (random.nextDouble() * 2 - 1));
                norm += w[t] * w[t];
            }
            for (int t = 0; t < DIMENSIONS; t++) {
                w[t] /= (float) Math.sqrt(norm);
            }
            points.add(new SparseVector(terms, w));
        }
        return points;
    }
}
