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

    @Test
    void toldWhatChangedTheUpdateGivesWhatComparingEveryTextGives() {
        List<TextContribution> before = withoutLastOfEachOf("assistenza-domiciliare", "dipendenze");
        ContributionAnalyzer.Fitted fitted = ANALYZER.fit(before);
        UUID removed = CORPUS.ofTopic("abitare").get(0).id();
        List<TextContribution> after = CORPUS.contributions().stream().filter(c -> !c.id().equals(removed)).toList();
        List<TextContribution> added = CORPUS.contributions().stream().filter(c -> !before.contains(c)).toList();

        ContributionAnalyzer.Fitted compared = ANALYZER.update(fitted, after, 0.1);
        ContributionAnalyzer.Fitted told = ANALYZER.update(fitted, added, List.of(removed), 0.1);

        assertThat(added).hasSize(2);
        assertThat(told.analysis()).isEqualTo(compared.analysis());
        assertThat(told.placements()).isEqualTo(compared.placements());
        assertThat(told.fingerprints()).isEqualTo(compared.fingerprints());
    }

    @Test
    void anEditedContributionMovesToTheClusterOfItsNewTextAndTheEarlierResultStaysAsItWas() {
        ContributionAnalyzer.Fitted fitted = ANALYZER.fit(CORPUS.contributions());
        Map<UUID, ContributionAnalyzer.Placement> placementsBefore = Map.copyOf(fitted.placements());
        TextContribution edited = CORPUS.ofTopic("abitare").get(3).contribution();
        TextContribution model = CORPUS.ofTopic("dipendenze").get(2).contribution();
        TextContribution rewritten = new TextContribution(edited.id(), edited.kind(), model.title(), model.text(),
                model.theme(), edited.province(), edited.district(), edited.municipality(), edited.supports());

        ContributionAnalyzer.Fitted updated = ANALYZER.update(fitted, List.of(rewritten), List.of(), 0.1);

        // Where the new text goes (the nearest centre), not where the old one was.
        String target = ANALYZER.place(fitted, rewritten).cluster();
        assertThat(target).isNotEqualTo(fitted.placements().get(edited.id()).cluster());
        assertThat(updated.placements().get(edited.id()).cluster()).isEqualTo(target);
        assertThat(updated.analysis().clusters()).filteredOn(c -> c.members().contains(edited.id()))
                .extracting(TextAnalysis.Cluster::id).containsExactly(target);
        assertThat(updated.analysis().clusters()).allSatisfy(c -> assertThat(c.representatives())
                .extracting(TextAnalysis.Representative::id).doesNotContain(edited.id()));
        assertThat(fitted.placements()).isEqualTo(placementsBefore);
        assertThat(updated.analysis().analysed()).isEqualTo(fitted.analysis().analysed());
    }

    @Test
    void chainedUpdatesKeepEveryContributionInExactlyOneCluster() {
        List<TextContribution> before = withoutLastOfEachOf("assistenza-domiciliare", "dipendenze", "abitare");
        ContributionAnalyzer.Fitted fitted = ANALYZER.fit(before);
        List<TextContribution> added = CORPUS.contributions().stream().filter(c -> !before.contains(c)).toList();
        UUID removed = before.get(7).id();

        ContributionAnalyzer.Fitted updated = fitted;
        for (TextContribution c : added) {
            updated = ANALYZER.update(updated, List.of(c), List.of(), 0.1);
        }
        updated = ANALYZER.update(updated, List.of(), List.of(removed), 0.1);

        ContributionAnalyzer.Fitted last = updated;
        assertThat(last.placements()).hasSize(fitted.placements().size() + 2).doesNotContainKey(removed);
        assertThat(last.analysis().clusters().stream().mapToInt(TextAnalysis.Cluster::size).sum())
                .isEqualTo(last.analysis().analysed()).isEqualTo(last.placements().size());
        last.placements().forEach((id, placement) -> assertThat(last.analysis().clusters())
                .filteredOn(c -> c.id().equals(placement.cluster())).singleElement()
                .satisfies(c -> assertThat(c.members()).contains(id)));
        assertThat(last.analysis().contributions()).isEqualTo(CORPUS.contributions().size() - 1);
        // Each cluster's counts are those of the contributions placed in it, as if counted anew.
        Map<UUID, TextContribution> byId = CORPUS.contributions().stream()
                .collect(Collectors.toMap(TextContribution::id, c -> c));
        for (TextAnalysis.Cluster cluster : last.analysis().clusters()) {
            List<TextContribution> in = last.placements().entrySet().stream()
                    .filter(e -> e.getValue().cluster().equals(cluster.id())).map(e -> byId.get(e.getKey())).toList();
            assertThat(cluster.size()).isEqualTo(in.size());
            assertThat(cluster.supports()).isEqualTo(in.stream().mapToInt(TextContribution::supports).sum());
            assertThat(cluster.members()).isEqualTo(in.stream().map(TextContribution::id).sorted().limit(500)
                    .toList());
            assertThat(cluster.themes().stream().mapToInt(TextAnalysis.Count::count).sum())
                    .isEqualTo((int) in.stream().filter(c -> c.theme() != null && !c.theme().isBlank()).count());
            assertThat(cluster.municipalities()).isEqualTo((int) in.stream().map(TextContribution::municipality)
                    .filter(m -> m != null && !m.isBlank()).distinct().count());
        }
    }

    @Test
    void removedCampaignMessagesLeaveTheirNearDuplicateGroupWhichGoesOnceOneIsLeft() {
        ContributionAnalyzer.Fitted fitted = ANALYZER.fit(CORPUS.contributions());
        List<UUID> campaign = fitted.analysis().nearDuplicates().get(0).members();

        ContributionAnalyzer.Fitted one = ANALYZER.update(fitted, List.of(), List.of(campaign.get(0)), 0.1);
        ContributionAnalyzer.Fitted all = ANALYZER.update(one, List.of(), campaign.subList(1, campaign.size() - 1),
                0.1);

        assertThat(one.analysis().nearDuplicates().get(0).members()).isEqualTo(campaign.subList(1, campaign.size()));
        assertThat(all.analysis().nearDuplicates()).noneMatch(g -> g.members().contains(campaign.get(0))
                || g.members().contains(campaign.get(campaign.size() - 1)));
        assertThat(fitted.analysis().nearDuplicates().get(0).members()).isEqualTo(campaign);
    }
}
