package org.coprogram.proposal.search;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.text.ItalianText;
import org.coprogram.proposal.proposal.ProposalView;
import org.coprogram.proposal.proposal.Viewer;
import org.coprogram.proposal.search.ProposalFilter.Facet;
import org.coprogram.proposal.search.ProposalFilter.SqlCondition;
import org.coprogram.proposal.search.ProposalSearchRepository.FacetRow;

import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Lists, facet counts and similar-proposal hints: what is kept for a moment and when the plan is checked; the
 * statements are {@link ProposalSearchRepository}'s.
 */
@ApplicationScoped
public class ProposalSearch {

    /** Terms of a draft beyond these add little to the match and slow the query. */
    static final int MAX_SIMILARITY_TERMS = 32;

    private final ItalianText italian;
    private final ProposalSearchRepository search;
    private final PlanViews plans;

    public ProposalSearch(ItalianText italian, ProposalSearchRepository search, PlanViews plans) {
        this.plans = plans;
        this.italian = italian;
        this.search = search;
    }

    /**
     * One statement for most pages: the plan is looked up only when nothing matched (a proposal's plan exists, by
     * foreign key), and the total is counted only when the page does not already tell it.
     */
    @WithSession
    public Uni<Page<ProposalView>> list(ProposalFilter filter, PageRequest page, Viewer viewer) {
        SqlCondition where = filter.where(viewer, null);
        return search.page(where, filter.sort(), page.size(), (long) page.page() * page.size()).flatMap(found -> {
            Uni<PlanView> plan = found.isEmpty() ? plans.require(filter.planId()) : Uni.createFrom().nullItem();
            return plan.flatMap(ignored -> total(filter, where, page, found.size(), viewer))
                    .map(total -> new Page<>(found.stream().map(ProposalView::of).toList(), page.page(), page.size(),
                            total));
        });
    }

    /**
     * The pages anonymous visitors see, kept for a moment ({@code quarkus.cache.caffeine.proposal-pages}): at a
     * consultation peak most visitors open the same few pages and searches. Signed-in readers, who may see hidden
     * proposals of their own, always get a fresh page.
     */
    @CacheResult(cacheName = "proposal-pages")
    public Uni<Page<ProposalView>> publicList(ProposalFilter filter, PageRequest page) {
        return list(filter, page, Viewer.PUBLIC);
    }

    private Uni<Long> total(ProposalFilter filter, SqlCondition where, PageRequest page, int found, Viewer viewer) {
        if (found < page.size() && (found > 0 || page.page() == 0)) {
            return Uni.createFrom().item((long) page.page() * page.size() + found);
        }
        return viewer.equals(Viewer.PUBLIC) ? publicTotal(filter) : search.count(where);
    }

    /**
     * How many proposals anonymous visitors find under a filter, kept like their pages ({@code
     * quarkus.cache.caffeine.proposal-totals}): every page and sort order of a filter shares it, and the count is the
     * costlier half of a page.
     */
    @CacheResult(cacheName = "proposal-totals")
    @WithSession
    public Uni<Long> publicTotal(ProposalFilter filter) {
        return search.count(filter.where(Viewer.PUBLIC, null));
    }

    /**
     * For each facet, the count per value under all the other filters, largest first. Six grouped scans per call:
     * the counts are kept for a few seconds ({@code quarkus.cache.caffeine.proposal-facets}), so a consultation
     * peak of visitors opening the same filter panel costs one computation, not one per visitor.
     */
    @CacheResult(cacheName = "proposal-facets")
    @WithSession
    public Uni<Map<Facet, List<FacetCount>>> facets(ProposalFilter filter, Viewer viewer) {
        Map<Facet, SqlCondition> conditions = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            conditions.put(facet, filter.where(viewer, facet));
        }
        return plans.require(filter.planId())
                .flatMap(plan -> search.facetCounts(conditions).map(ProposalSearch::byFacet));
    }

    /** Visible, open proposals of the plan closest to a draft text, best first, with a score in [0, 1). */
    @WithSession
    public Uni<List<SimilarProposal>> similar(UUID planId, String text, int limit) {
        Set<String> terms = new LinkedHashSet<>(italian.terms(text));
        if (terms.isEmpty()) {
            return plans.require(planId).replaceWith(List.of());
        }
        String anyTerm = terms.stream().limit(MAX_SIMILARITY_TERMS).map(ProposalSearch::quoted)
                .collect(Collectors.joining(" | "));
        return plans.require(planId).flatMap(plan -> search.similar(planId, anyTerm, limit))
                .map(rows -> rows.stream().map(row -> new SimilarProposal(row.id(), row.title(), row.status(),
                        row.supports(), BigDecimal.valueOf(row.score()).setScale(3, RoundingMode.HALF_UP)))
                        .toList());
    }

    private static Map<Facet, List<FacetCount>> byFacet(List<FacetRow> rows) {
        Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            facets.put(facet, new ArrayList<>());
        }
        for (FacetRow row : rows) {
            facets.get(row.facet()).add(new FacetCount(row.value(), row.count()));
        }
        return facets;
    }

    /** A term as a tsquery operand: quoted, so no character of it is read as an operator. */
    private static String quoted(String term) {
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    public record FacetCount(String value, long count) {
    }

    public record SimilarProposal(UUID id, String title, String status, int supports, BigDecimal score) {
    }
}
