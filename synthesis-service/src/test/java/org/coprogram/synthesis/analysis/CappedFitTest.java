package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The fit on a sample of a large theme, and the placement of its other texts by nearest centre. */
class CappedFitTest {

    private static final int GROUPS = 3;
    private static final int TERMS_PER_GROUP = 12;
    private static final int VOCABULARY = GROUPS * TERMS_PER_GROUP + 8;

    @Test
    void everyTextIsFittedWhileThePlanIsWithinTheBudget() {
        assertThat(ContributionAnalyzer.fitLimit(500, 7_000, 8_000)).isEqualTo(500);
        assertThat(ContributionAnalyzer.fitLimit(8_000, 8_000, 8_000)).isEqualTo(8_000);
    }

    @Test
    void aLargePlanFitsEachThemeOnItsShareOfTheBudgetAndNeverOnFewerThanTheFloor() {
        assertThat(ContributionAnalyzer.fitLimit(50_000, 100_000, 8_000)).isEqualTo(4_000);
        assertThat(ContributionAnalyzer.fitLimit(5_001, 100_000, 8_000)).isEqualTo(401);
        assertThat(ContributionAnalyzer.fitLimit(1_000, 100_000, 8_000)).isEqualTo(ContributionAnalyzer.FIT_FLOOR);
        assertThat(ContributionAnalyzer.fitLimit(100, 100_000, 8_000)).isEqualTo(100);
    }

    @Test
    void aTextOutsideTheFitJoinsItsNearestTopicAndTheNearestSubTopicOfThatTopic() {
        TopicModel.Topic left = new TopicModel.Topic(List.of(0, 1), unit(1, 0, 0), 0.9, List.of(
                new TopicModel.Topic(List.of(0), unit(1, 1, 0), 0.9, List.of()),
                new TopicModel.Topic(List.of(1), unit(1, -1, 0), 0.9, List.of())));
        TopicModel.Topic right = new TopicModel.Topic(List.of(2, 3, 4), unit(0, 0, 1), 0.7, List.of());

        List<TopicModel.Topic> topics = TopicModel.withRest(List.of(left, right), List.of(7, 5, 6),
                List.of(sparse(0.9, -0.3, 0.1), sparse(0.1, 0, 0.9), sparse(0.8, 0.5, 0)));

        assertThat(topics.get(0).members()).containsExactly(0, 1, 6, 7);
        assertThat(topics.get(0).subtopics().get(0).members()).containsExactly(0, 6);
        assertThat(topics.get(0).subtopics().get(1).members()).containsExactly(1, 7);
        assertThat(topics.get(1).members()).containsExactly(2, 3, 4, 5);
        assertThat(topics.get(0).centroid()).isEqualTo(left.centroid());
        assertThat(topics.get(1).stability()).isEqualTo(0.7);
    }

    @Test
    void aTextWithNoWordTheBasisKnowsJoinsTheLargestTopic() {
        List<float[]> centres = List.of(unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1));

        assertThat(TopicModel.nearest(centres, 2, new SparseVector(new int[0], new float[0]))).isEqualTo(2);
        assertThat(TopicModel.nearest(centres, 2, sparse(0, 1, 0.2))).isEqualTo(1);
    }

    @Test
    void aCappedDiscoveryPlacesEveryTextInOneTopicAndFindsTheGroups() {
        List<SparseVector> texts = texts(new SplittableRandom(7), 1_500);

        TopicModel.Tree tree = new TopicModel(20).discover(texts, VOCABULARY, 300);

        List<Integer> all = tree.topics().stream().flatMap(t -> t.members().stream()).sorted().toList();
        assertThat(all).isEqualTo(IntStream.range(0, texts.size()).boxed().toList());
        for (TopicModel.Topic topic : tree.topics()) {
            if (!topic.subtopics().isEmpty()) {
                assertThat(topic.subtopics().stream().flatMap(s -> s.members().stream()).sorted().toList())
                        .isEqualTo(topic.members());
            }
        }
        // Each topic is (almost) one of the groups the texts were drawn from, though only 300 were fitted.
        for (TopicModel.Topic topic : tree.topics()) {
            Map<Integer, Integer> byGroup = new HashMap<>();
            topic.members().forEach(i -> byGroup.merge(i % GROUPS, 1, Integer::sum));
            int largest = byGroup.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertThat(largest).isGreaterThanOrEqualTo((int) (0.95 * topic.members().size()));
        }
        Set<Integer> groupsFound = new TreeSet<>();
        tree.topics().forEach(t -> groupsFound.add(t.members().get(0) % GROUPS));
        assertThat(groupsFound).hasSize(GROUPS);
    }

    @Test
    void theSameTextsGiveTheSameCappedTopics() {
        List<SparseVector> texts = texts(new SplittableRandom(11), 1_200);

        TopicModel.Tree first = new TopicModel(20).discover(texts, VOCABULARY, 400);
        TopicModel.Tree second = new TopicModel(20).discover(texts, VOCABULARY, 400);

        assertThat(second.topics()).hasSameSizeAs(first.topics());
        for (int t = 0; t < first.topics().size(); t++) {
            assertThat(second.topics().get(t).members()).isEqualTo(first.topics().get(t).members());
            assertThat(second.topics().get(t).centroid()).isEqualTo(first.topics().get(t).centroid());
            assertThat(second.topics().get(t).stability()).isEqualTo(first.topics().get(t).stability());
        }
    }

    @Test
    void aLimitAtOrAboveTheThemeSizeIsTheUncappedModel() {
        List<SparseVector> texts = texts(new SplittableRandom(5), 600);

        TopicModel.Tree uncapped = new TopicModel(20).discover(texts, VOCABULARY);
        TopicModel.Tree limited = new TopicModel(20).discover(texts, VOCABULARY, 600);

        assertThat(limited.topics().stream().map(TopicModel.Topic::members).toList())
                .isEqualTo(uncapped.topics().stream().map(TopicModel.Topic::members).toList());
    }

    @Test
    void thePooledShareCountsTheMemberPairsEachResampleKeepsTogether() {
        // One cluster of four points; resample 0 keeps all four and splits them 2 + 2 (2 of 6 pairs together),
        // resample 1 keeps three and keeps them together (3 of 3).
        int[] assignment = {0, 0, 0, 0};
        int[][] kept = {{0, 1, 2, 3}, {0, 1, 3}};
        int[][] again = {{0, 0, 1, 1}, {4, 4, 4}};

        double[] stability = ResampledStability.pooled(assignment, 1, kept, again);

        assertThat(stability).containsExactly(5.0 / 9.0);
    }

    /** Texts of {@value #GROUPS} interleaved groups (text i in group i % 3): four words of the group's, one other. */
    private static List<SparseVector> texts(SplittableRandom random, int n) {
        List<SparseVector> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TreeSet<Integer> terms = new TreeSet<>();
            while (terms.size() < 4) {
                terms.add((i % GROUPS) * TERMS_PER_GROUP + random.nextInt(TERMS_PER_GROUP));
            }
            terms.add(GROUPS * TERMS_PER_GROUP + random.nextInt(VOCABULARY - GROUPS * TERMS_PER_GROUP));
            float weight = (float) (1 / Math.sqrt(terms.size()));
            float[] weights = new float[terms.size()];
            java.util.Arrays.fill(weights, weight);
            texts.add(new SparseVector(terms.stream().mapToInt(Integer::intValue).toArray(), weights));
        }
        return texts;
    }

    private static float[] unit(double... values) {
        double norm = 0;
        for (double v : values) {
            norm += v * v;
        }
        float[] unit = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            unit[j] = (float) (values[j] / Math.sqrt(norm));
        }
        return unit;
    }

    private static SparseVector sparse(double... values) {
        float[] dense = unit(values);
        return new SparseVector(IntStream.range(0, dense.length).toArray(), dense);
    }
}
