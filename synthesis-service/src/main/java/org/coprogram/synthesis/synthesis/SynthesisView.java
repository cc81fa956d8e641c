package org.coprogram.synthesis.synthesis;

import java.util.List;
import java.util.UUID;

import org.coprogram.synthesis.traceability.UptakeEquity;

/**
 * The synthesis of a plan for a scope (DESIGN.md: totals, byTheme, byCategory, byTerritory, topProposals,
 * participation), plus contributions by kind, survey figures and the read-model version it was computed at.
 * {@code includesUnpublished} marks the region staff's reserved view, which also counts social reports the region
 * has not published: it is never the public one. {@code uptake} is the plan's uptake equity
 * ({@link UptakeEquity}): who was heard, per province, district and category.
 */
public record SynthesisView(UUID planId, String planTitle, String region, Scope scope, long version, Totals totals,
        List<Breakdown> byTheme, List<Breakdown> byCategory, List<Breakdown> byKind, List<Breakdown> byTerritory,
        List<TopProposal> topProposals, List<SurveyFigures> surveys, Participation participation,
        boolean includesUnpublished, UptakeEquity.Uptake uptake) {

    /**
     * The view with the plan's uptake equity (docs/plan-document.md, "Uptake equity"): over the whole plan whatever
     * the scope, public contributions only, computed apart from the kept view because links change it too.
     */
    public SynthesisView withUptake(UptakeEquity.Uptake value) {
        return new SynthesisView(planId, planTitle, region, scope, version, totals, byTheme, byCategory, byKind,
                byTerritory, topProposals, surveys, participation, includesUnpublished, value);
    }

    public record Totals(long contributions, long proposals, long supports, long surveyResponses, long meetings,
            long meetingContributions, long socialReports, long participants, long comments) {
    }

    /**
     * Contributions of one theme, category, kind or territory; {@code participants} where people can be placed in it
     * (not for themes and kinds: one person may speak to several).
     */
    public record Breakdown(String code, String label, long contributions, long proposals, long supports,
            long surveyResponses, long meetingContributions, long socialReportItems, Long participants, long comments) {
    }

    /** {@code origin} and {@code originalUrl} for a proposal imported from elsewhere (docs/decidim.md), else null. */
    public record TopProposal(UUID id, String title, String kind, String theme, String municipality, String status,
            long supports, String origin, String originalUrl, long comments) {
    }

    public record SurveyFigures(UUID surveyId, String title, String status, long responses) {
    }

    /**
     * Participants per 1,000 inhabitants for the scope's districts and municipalities; {@code below} marks a territory
     * under half the regional median of municipalities, or with nobody when that median is 0. Districts and
     * populations are those of the plan's territory version ({@code territoryVersion}, population from
     * {@code populationSource}); {@code unplacedMunicipalities} of the region belong to no district of it.
     */
    public record Participation(double regionalMedianPer1000, List<TerritoryParticipation> districts,
            List<TerritoryParticipation> municipalities, Integer territoryVersion, String populationSource,
            int unplacedMunicipalities) {
    }

    public record TerritoryParticipation(String code, String name, String province, long population,
            long participants, double per1000, boolean below) {
    }
}
