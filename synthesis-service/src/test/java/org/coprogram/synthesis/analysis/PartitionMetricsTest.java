package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PartitionMetricsTest {

    private static final Offset<Double> CLOSE = Offset.offset(1e-9);

    @Test
    void theSamePartitionUnderOtherNamesScoresOne() {
        List<String> truth = List.of("a", "a", "b", "b", "c");
        List<String> predicted = List.of("x", "x", "y", "y", "z");

        assertThat(PartitionMetrics.nmi(truth, predicted)).isCloseTo(1, CLOSE);
        assertThat(PartitionMetrics.ari(truth, predicted)).isCloseTo(1, CLOSE);
        assertThat(PartitionMetrics.purity(truth, predicted)).isCloseTo(1, CLOSE);
    }

    @Test
    void oneClusterForEverythingScoresZeroAndTheLargestCategoryAsPurity() {
        List<String> truth = List.of("a", "a", "a", "b");
        List<String> predicted = List.of("x", "x", "x", "x");

        assertThat(PartitionMetrics.nmi(truth, predicted)).isCloseTo(0, CLOSE);
        assertThat(PartitionMetrics.ari(truth, predicted)).isCloseTo(0, CLOSE);
        assertThat(PartitionMetrics.purity(truth, predicted)).isCloseTo(0.75, CLOSE);
    }

    @Test
    void aRefinementScoresAsScikitLearnDoes() {
        // sklearn: normalized_mutual_info_score([0,0,1,1],[0,0,1,2]) = 0.8, adjusted_rand_score(...) = 4/7.
        List<String> truth = List.of("0", "0", "1", "1");
        List<String> predicted = List.of("0", "0", "1", "2");

        assertThat(PartitionMetrics.nmi(truth, predicted)).isCloseTo(0.8, CLOSE);
        assertThat(PartitionMetrics.ari(truth, predicted)).isCloseTo(4.0 / 7, CLOSE);
        assertThat(PartitionMetrics.purity(truth, predicted)).isCloseTo(1, CLOSE);
    }
}
