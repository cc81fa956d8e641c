package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ConsensusTest {

    @Test
    void averageLinkageCutJoinsOnlyPairsCloserThanTheCutOnAverage() {
        double[][] distance = {
                {0, 0.1, 0.9, 0.9},
                {0.1, 0, 0.8, 0.9},
                {0.9, 0.8, 0, 0.2},
                {0.9, 0.9, 0.2, 0}};

        int[] parent = Consensus.averageLinkage(distance, 0.5);

        assertThat(Consensus.find(parent, 1)).isEqualTo(Consensus.find(parent, 0));
        assertThat(Consensus.find(parent, 3)).isEqualTo(Consensus.find(parent, 2));
        assertThat(Consensus.find(parent, 2)).isNotEqualTo(Consensus.find(parent, 0));
    }

    @Test
    void theVoteFindsThreeSeparatedTopicsWithoutBeingToldHowMany() {
        Random random = new Random(11);
        List<SparseVector> points = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            int topic = i % 3;
            float[] w = new float[9];
            double norm = 0;
            for (int t = 0; t < 9; t++) {
                w[t] = (float) (t / 3 == topic ? 0.5 + 0.5 * random.nextDouble() : 0.1 * random.nextDouble());
                norm += w[t] * w[t];
            }
            for (int t = 0; t < 9; t++) {
                w[t] /= (float) Math.sqrt(norm);
            }
            points.add(new SparseVector(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8}, w));
        }

        List<List<Integer>> groups = Consensus.groups(points, 9, 3, 6, 30, 0.7, 5);

        assertThat(groups).hasSize(3);
        for (List<Integer> group : groups) {
            assertThat(group).hasSize(30);
            assertThat(group.stream().map(i -> i % 3).distinct()).hasSize(1);
        }
    }
}
