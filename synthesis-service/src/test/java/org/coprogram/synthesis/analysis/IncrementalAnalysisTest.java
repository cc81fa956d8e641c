package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.coprogram.common.text.ItalianText;
import org.junit.jupiter.api.Test;

class IncrementalAnalysisTest {

    private static final Corpus CORPUS = Corpus.load();
    private static final ContributionAnalyzer ANALYZER = new ContributionAnalyzer(new ItalianText(), 40);

    private static List<TextContribution> withoutLastOfEachOf(String... topics) {
        List<TextContribution> kept = new ArrayList<>(CORPUS.contributions());
        for (String topic : topics) {
            List<Corpus.Entry> entries = CORPUS.ofTopic(topic);
            kept.remove(entries.get(entries.size() - 1).contribution());
        }
        return kept;
    }

    @Test
    void aNewContributionJoinsTheClusterOfItsTopicAndNoOtherContributionMoves() {
        List<TextContribution> before = withoutLastOfEachOf("assistenza-domiciliare", "dipendenze");
        ContributionAnalyzer.Fitted fitted = ANALYZER.fit(before);

        ContributionAnalyzer.Fitted updated = ANALYZER.update(fitted, CORPUS.contributions(), 0.1);

        assertThat(updated).isNotNull();
        fitted.placements().forEach((id, placement) -> assertThat(updated.placements().get(id)).isEqualTo(placement));
        for (String topic : List.of("assistenza-domiciliare", "dipendenze")) {
            List<Corpus.Entry> entries = CORPUS.ofTopic(topic);
            UUID added = entries.get(entries.size() - 1).id();
            Map<String, Long> clustersOfTopic = entries.subList(0, entries.size() - 1).stream()
                    .map(e -> fitted.placements().get(e.id()).cluster())
                    .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
            String usual = clustersOfTopic.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow()
                    .getKey();
            assertThat(updated.placements().get(added).cluster()).as(topic).isEqualTo(usual);
        }
        assertThat(updated.analysis().analysed()).isEqualTo(fitted.analysis().analysed() + 2);
        assertThat(updated.analysis().clusters()).extracting(TextAnalysis.Cluster::id)
                .containsExactlyElementsOf(fitted.analysis().clusters().stream().map(TextAnalysis.Cluster::id)
                        .toList());
        int sizes = updated.analysis().clusters().stream().mapToInt(TextAnalysis.Cluster::size).sum();
        assertThat(sizes).isEqualTo(fitted.analysis().clusters().stream().mapToInt(TextAnalysis.Cluster::size).sum()
                + 2);
    }

    @Test
    void whenMoreThanTheShareChangedAFullComputationIsDue() {
        List<TextContribution> half = CORPUS.contributions().subList(0, 100);
        ContributionAnalyzer.Fitted fitted = ANALYZER.fit(half);

        assertThat(ANALYZER.update(fitted, CORPUS.contributions(), 0.1)).isNull();
    }

    @Test
    void aRemovedContributionLeavesItsCluster() {
        ContributionAnalyzer.Fitted fitted = ANALYZER.fit(CORPUS.contributions());
        UUID removed = CORPUS.ofTopic("abitare").get(0).id();
        List<TextContribution> rest = CORPUS.contributions().stream().filter(c -> !c.id().equals(removed)).toList();

        ContributionAnalyzer.Fitted updated = ANALYZER.update(fitted, rest, 0.1);

        assertThat(updated.placements()).doesNotContainKey(removed);
        assertThat(updated.analysis().clusters()).allSatisfy(c -> assertThat(c.members()).doesNotContain(removed));
        assertThat(updated.analysis().analysed()).isEqualTo(fitted.analysis().analysed() - 1);
    }

    @Test
    void everyClusterReportsAStabilityAndIsStableFromPointEight() {
        TextAnalysis analysis = ANALYZER.analyse(CORPUS.contributions());

        assertThat(analysis.clusters()).allSatisfy(c -> {
            assertThat(c.stability()).isBetween(0.0, 1.0);
            assertThat(c.stable()).isEqualTo(c.stability() >= 0.8);
            assertThat(c.distinguishingTerms()).isNotNull();
            assertThat(c.subtopics()).allSatisfy(s -> assertThat(s.id()).startsWith(c.id() + "."));
        });
    }
}
