package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.coprogram.common.text.ItalianText;
import org.junit.jupiter.api.Test;

/**
 * {@link ContributionAnalyzer#apply}: the changes the change log reports, each with its row now, applied to a kept
 * computation. Reading a change twice (a redelivered event, the log read again from an older position) changes
 * nothing; a new supports count is counted again where the contribution already is.
 */
class ChangeLogAnalysisTest {

    private static final Corpus CORPUS = Corpus.load();
    private static final ContributionAnalyzer ANALYZER = new ContributionAnalyzer(new ItalianText(), 40);
    private static final List<TextContribution> ALL = CORPUS.contributions();
    private static final TextContribution LATE = ALL.get(ALL.size() - 1);
    private static final ContributionAnalyzer.Fitted FITTED = ANALYZER.fit(ALL.subList(0, ALL.size() - 1));

    @Test
    void aNewContributionIsPlacedAsTheUpdateToldOfItPlacesIt() {
        ContributionAnalyzer.Fitted applied = ANALYZER.apply(FITTED, List.of(new ContributionChange(LATE.id(), LATE)),
                0.1);
        ContributionAnalyzer.Fitted told = ANALYZER.update(FITTED, List.of(LATE), List.of(), 0.1);

        assertThat(applied.analysis()).isEqualTo(told.analysis());
        assertThat(applied.placements()).isEqualTo(told.placements());
        assertThat(applied.changedSinceFull()).isEqualTo(1);
    }

    @Test
    void theSameChangesAppliedAgainChangeNothing() {
        ContributionAnalyzer.Fitted once = ANALYZER.apply(FITTED, List.of(new ContributionChange(LATE.id(), LATE)),
                0.1);

        ContributionAnalyzer.Fitted twice = ANALYZER.apply(once, List.of(new ContributionChange(LATE.id(), LATE)), 0.1);

        assertThat(twice).isSameAs(once);
    }

    @Test
    void aChangeOfSomethingTheAnalysisNeverCountedChangesNothing() {
        UUID unknown = UUID.randomUUID();

        assertThat(ANALYZER.apply(FITTED, List.of(new ContributionChange(unknown, null)), 0.1)).isSameAs(FITTED);
        assertThat(ANALYZER.apply(FITTED, List.of(), 0.1)).isSameAs(FITTED);
    }

    @Test
    void aContributionNoLongerCountedCallsForAFullComputationSoItsWordsLeaveTheLabels() {
        TextContribution hidden = ALL.get(3);

        assertThat(ANALYZER.apply(FITTED, List.of(new ContributionChange(hidden.id(), null)), 0.1)).isNull();
    }

    @Test
    void newSupportsAreCountedWhereTheContributionIsWithoutMovingItOrDroppingARepresentative() {
        TextAnalysis.Cluster largest = FITTED.analysis().clusters().get(0);
        UUID member = largest.representatives().get(0).id();
        TextContribution was = FITTED.placed().get(member);
        TextContribution supported = new TextContribution(was.id(), was.kind(), was.title(), was.text(), was.theme(),
                was.province(), was.district(), was.municipality(), was.supports() + 7);

        ContributionAnalyzer.Fitted recounted = ANALYZER.apply(FITTED,
                List.of(new ContributionChange(member, supported)), 0.1);

        TextAnalysis.Cluster after = recounted.analysis().clusters().get(0);
        assertThat(after.supports()).isEqualTo(largest.supports() + 7);
        assertThat(after.members()).isEqualTo(largest.members());
        assertThat(after.representatives()).isEqualTo(largest.representatives());
        assertThat(recounted.placements().get(member)).isEqualTo(FITTED.placements().get(member));
        assertThat(recounted.changedSinceFull()).isZero();
        assertThat(ANALYZER.apply(recounted, List.of(new ContributionChange(member, supported)), 0.1))
                .isSameAs(recounted);
    }

    @Test
    void aNewThemeCallsForAFullComputation() {
        TextContribution elsewhere = new TextContribution(LATE.id(), LATE.kind(), LATE.title(), LATE.text(),
                "un-tema-nuovo", LATE.province(), LATE.district(), LATE.municipality(), LATE.supports());

        assertThat(ANALYZER.apply(FITTED, List.of(new ContributionChange(LATE.id(), elsewhere)), 0.1)).isNull();
    }

    private static int size(ContributionAnalyzer.Fitted fitted, String cluster) {
        return fitted.analysis().clusters().stream().filter(c -> c.id().equals(cluster)).findFirst().orElseThrow()
                .size();
    }
}
