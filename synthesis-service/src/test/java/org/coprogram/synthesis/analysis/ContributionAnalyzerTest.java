package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.coprogram.common.text.ItalianText;
import org.junit.jupiter.api.Test;

class ContributionAnalyzerTest {

    private static final Corpus CORPUS = Corpus.load();
    private static final ContributionAnalyzer ANALYZER = new ContributionAnalyzer(new ItalianText(), 40);
    private static final TextAnalysis ANALYSIS = ANALYZER.analyse(CORPUS.contributions());

    @Test
    void everyClusterOfFiveOrMoreIsMostlyOneTopic() {
        for (TextAnalysis.Cluster cluster : ANALYSIS.clusters()) {
            if (cluster.size() >= 5) {
                long fromMainTopic = CORPUS.entries().stream().filter(e -> cluster.members().contains(e.id()))
                        .collect(Collectors.groupingBy(Corpus.Entry::topic, Collectors.counting())).values()
                        .stream().max(Long::compare).orElseThrow();
                assertThat(fromMainTopic).as("members of %s from its main topic", cluster.label())
                        .isGreaterThanOrEqualTo(Math.round(cluster.size() * 0.75));
            }
        }
    }

    @Test
    void allHomeCareContributionsAreOneClusterAndMostEducationalPovertyAnother() {
        List<Corpus.Entry> homeCareEntries = CORPUS.ofTopic("assistenza-domiciliare");
        List<Corpus.Entry> educationEntries = CORPUS.ofTopic("poverta-educativa");
        TextAnalysis.Cluster homeCare = homeCluster(homeCareEntries);
        TextAnalysis.Cluster education = homeCluster(educationEntries);

        assertThat(homeCare.members()).containsExactlyInAnyOrderElementsOf(ids(homeCareEntries));
        assertThat(educationEntries.stream().filter(e -> education.members().contains(e.id())).count())
                .isGreaterThanOrEqualTo(16);
        assertThat(education.members()).doesNotContainAnyElementsOf(ids(homeCareEntries));
    }

    @Test
    void theHomeCareClusterIsLabelledAndRepresentedByHomeCare() {
        TextAnalysis.Cluster homeCare = homeCluster(CORPUS.ofTopic("assistenza-domiciliare"));

        assertThat(homeCare.terms()).contains("assistenza", "domiciliare", "anziani");
        assertThat(homeCare.representatives()).allSatisfy(r -> assertThat(ids(CORPUS.ofTopic(
                "assistenza-domiciliare"))).contains(r.id()));
        assertThat(homeCare.themes().get(0)).isEqualTo(new TextAnalysis.Count("anziani", homeCare.themes().get(0)
                .count()));
    }

    @Test
    void theCopyAndPasteCampaignIsOneNearDuplicateGroup() {
        Set<UUID> campaign = CORPUS.entries().stream().filter(e -> e.text().startsWith("Chiediamo con forza"))
                .map(Corpus.Entry::id).collect(Collectors.toSet());

        assertThat(campaign).hasSize(5);
        assertThat(ANALYSIS.nearDuplicates()).hasSize(1);
        assertThat(ANALYSIS.nearDuplicates().get(0).members()).containsExactlyInAnyOrderElementsOf(campaign);
    }

    @Test
    void theSameContributionsInAnotherOrderGiveTheSameAnalysis() {
        List<TextContribution> shuffled = new ArrayList<>(CORPUS.contributions());
        Collections.shuffle(shuffled, new Random(7));

        assertThat(ANALYZER.analyse(shuffled)).isEqualTo(ANALYSIS);
    }

    @Test
    void keywordsOfAThemeComeFromItsContributions() {
        Map<String, List<String>> byTheme = ANALYSIS.keywordsByTheme().stream()
                .collect(Collectors.toMap(TextAnalysis.Keywords::code, TextAnalysis.Keywords::words));

        assertThat(byTheme.get("violenza-genere")).contains("violenza", "donne");
        assertThat(byTheme.get("abitare")).contains("case");
        assertThat(byTheme.keySet()).hasSize(9);
    }

    private static TextAnalysis.Cluster homeCluster(List<Corpus.Entry> entries) {
        Map<TextAnalysis.Cluster, Long> counts = entries.stream().map(e -> clusterOf(e.id()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static TextAnalysis.Cluster clusterOf(UUID id) {
        return ANALYSIS.clusters().stream().filter(c -> c.members().contains(id)).findFirst().orElseThrow();
    }

    private static Set<UUID> ids(List<Corpus.Entry> entries) {
        return entries.stream().map(Corpus.Entry::id).collect(Collectors.toSet());
    }
}
