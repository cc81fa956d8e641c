package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.coprogram.common.text.ItalianText;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

    private static final ItalianText ITALIAN = new ItalianText();

    private static final String ORIGINAL = "Chiediamo più educatori nei centri diurni per gli anziani del distretto, "
            + "con orari estesi anche il sabato mattina, trasporto gratuito dalle frazioni e un pasto caldo a pranzo.";
    private static final String REWORDED = "Chiediamo più educatori nei centri diurni per anziani del nostro "
            + "distretto, con orari estesi pure il sabato mattina, trasporto gratuito dalle frazioni e un pasto caldo "
            + "a mezzogiorno.";
    private static final String UNRELATED = "Servono borse di studio per i ragazzi delle scuole medie che abbandonano "
            + "gli studi, doposcuola gratuiti nelle periferie e biblioteche aperte la sera.";

    private final Map<String, Integer> dictionary = new HashMap<>();

    @Test
    void setsWhoseSizesCannotReachTheThresholdAreTheOnesLeftUncompared() {
        for (int a = 1; a <= 60; a++) {
            for (int b = 1; b <= 60; b++) {
                // The best two sets of these sizes can do: the smaller inside the larger.
                int[] small = java.util.stream.IntStream.range(0, Math.min(a, b)).toArray();
                int[] large = java.util.stream.IntStream.range(0, Math.max(a, b)).toArray();
                assertThat(NearDuplicates.mayReach(a, b)).as("%d and %d terms", a, b)
                        .isEqualTo(NearDuplicates.jaccard(small, large) >= NearDuplicates.THRESHOLD);
            }
        }
    }

    @Test
    void aRewordedCopyIsGroupedWithItsOriginalAndAnUnrelatedTextIsNot() {
        List<int[]> texts = List.of(termSet(UNRELATED), termSet(ORIGINAL), termSet("Più posti al nido comunale."),
                termSet(REWORDED));
        assertThat(NearDuplicates.jaccard(texts.get(1), texts.get(3))).as("the reworded copy is still alike")
                .isGreaterThanOrEqualTo(NearDuplicates.THRESHOLD).isLessThan(1.0);

        assertThat(NearDuplicates.groups(texts)).containsExactly(List.of(1, 3));
    }

    @Test
    void textsThatShareOnlyPartOfTheirWordsAreNotDuplicates() {
        int[] original = termSet(ORIGINAL);
        int[] half = termSet("Chiediamo più educatori nei centri diurni per gli anziani del distretto, e case di "
                + "riposo con medici di base, infermieri notturni e fisioterapisti.");
        assertThat(NearDuplicates.jaccard(original, half)).isBetween(0.2, NearDuplicates.THRESHOLD);

        assertThat(NearDuplicates.groups(List.of(original, half))).isEmpty();
    }

    @Test
    void aCampaignOfIdenticalTextsIsOneGroupInOrderOfFirstMember() {
        int[] campaign = termSet(ORIGINAL);
        int[] other = termSet(UNRELATED);
        List<int[]> texts = List.of(other, campaign, other, campaign, campaign, termSet(REWORDED));

        assertThat(NearDuplicates.groups(texts)).containsExactly(List.of(0, 2), List.of(1, 3, 4, 5));
    }

    @Test
    void veryShortTextsAreNeverDuplicatesEvenWhenIdentical() {
        int[] shortText = termSet("Più posti al nido.");
        assertThat(shortText.length).isLessThan(5);

        assertThat(NearDuplicates.groups(List.of(shortText, shortText))).isEmpty();
    }

    private int[] termSet(String text) {
        return ITALIAN.terms(text).stream().mapToInt(term -> dictionary.computeIfAbsent(term, t -> dictionary.size()))
                .distinct().sorted().toArray();
    }
}
