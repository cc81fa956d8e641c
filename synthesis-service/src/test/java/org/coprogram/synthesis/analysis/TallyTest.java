package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TallyTest {

    private static TextContribution contribution(long id, String theme, String province, String municipality,
            int supports) {
        return new TextContribution(new UUID(0, id), "proposta", null, "testo", theme, province, null, municipality,
                supports);
    }

    @Test
    void addingAndTakingOneContributionGivesTheCountsOfCountingAllAgain() {
        TextContribution a = contribution(5, "anziani", "BA", "072006", 2);
        TextContribution b = contribution(1, "anziani", "LE", "075035", 0);
        TextContribution c = contribution(3, "poverta", "BA", "072006", 4);
        Tally ab = Tally.of(List.of(a, b));

        Tally abc = ab.with(c);
        Tally bc = abc.without(a);

        assertThat(abc.ids()).containsExactly(b.id(), c.id(), a.id());
        assertThat(abc.supports()).isEqualTo(6);
        assertThat(Tally.counts(abc.themes())).containsExactly(new TextAnalysis.Count("anziani", 2),
                new TextAnalysis.Count("poverta", 1));
        assertThat(bc.ids()).containsExactly(b.id(), c.id());
        assertThat(bc.supports()).isEqualTo(4);
        assertThat(bc.themes()).isEqualTo(Tally.of(List.of(b, c)).themes());
        assertThat(bc.provinces()).isEqualTo(Tally.of(List.of(b, c)).provinces());
        assertThat(bc.municipalities()).hasSize(2);
        assertThat(ab.ids()).containsExactly(b.id(), a.id());
        assertThat(bc.first(1)).containsExactly(b.id());
    }

    @Test
    void aCountThatFallsToZeroIsNoLongerListed() {
        TextContribution a = contribution(1, "anziani", "BA", "072006", 1);

        Tally empty = Tally.of(List.of(a)).without(a);

        assertThat(empty.size()).isZero();
        assertThat(empty.themes()).isEmpty();
        assertThat(empty.municipalities()).isEmpty();
        assertThat(empty.contains(a.id())).isFalse();
    }
}
