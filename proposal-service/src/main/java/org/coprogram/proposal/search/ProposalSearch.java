package org.coprogram.proposal.search;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.text.ItalianText;
import org.coprogram.proposal.proposal.Proposal;
import org.coprogram.proposal.proposal.ProposalView;
import org.coprogram.proposal.proposal.Viewer;
import org.coprogram.proposal.search.ProposalFilter.Facet;
import org.coprogram.proposal.search.ProposalFilter.SqlCondition;
import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Lists, facet counts and similar-proposal hints, in SQL over the Lucene-analysed {@code search} column. */
@ApplicationScoped
public class ProposalSearch {

    /** Terms of a draft beyond these add little to the match and slow the query. */
    static final int MAX_SIMILARITY_TERMS = 32;

    /** The mapped columns of {@link Proposal}: the search vector stays in the database. */
    static final String COLUMNS = """
            p.id, p.plan_id, p.kind, p.title, p.body, p.theme, p.municipality, p.district, p.province, p.category,
            p.organization, p.status, p.supports, p.visibility, p.flags, p.open_flags, p.last_flagged_at,
            p.reviewed_at, p.answer_text, p.answered_at, p.merged_into, p.withdrawn_at, p.author_id,
            p.author_pseudonym, p.created_at, p.updated_at, p.version, p.title_terms, p.body_terms""";

    private final ItalianText italian;

    public ProposalSearch(ItalianText italian) {
        this.italian = italian;
    }

    /**
     * One statement for most pages: the plan is looked up only when nothing matched (a proposal's plan exists, by
     * foreign key), and the total is counted only when the page does not already tell it.
     */
    @WithSession
    public Uni<Page<ProposalView>> list(ProposalFilter filter, PageRequest page, Viewer viewer) {
        return Panache.getSession().flatMap(session -> {
            SqlCondition where = filter.where(viewer, null);
            Mutiny.SelectionQuery<Proposal> items = session.createNativeQuery(
                    "SELECT " + COLUMNS + " FROM proposal p WHERE " + where.sql() + " ORDER BY " + filter.sort().orderBy
                            + " LIMIT :limit OFFSET :offset",
                    Proposal.class);
            where.parameters().forEach(items::setParameter);
            items.setParameter("limit", page.size()).setParameter("offset", (long) page.page() * page.size());
            return items.getResultList().flatMap(found -> {
                Uni<PlanView> plan = found.isEmpty() ? requirePlan(filter.planId()) : Uni.createFrom().nullItem();
                return plan.flatMap(ignored -> total(session, filter, where, page, found.size(), viewer))
                        .map(total -> new Page<>(found.stream().map(ProposalView::of).toList(), page.page(),
                                page.size(), total));
            });
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

    private Uni<Long> total(Mutiny.Session session, ProposalFilter filter, SqlCondition where, PageRequest page,
            int found, Viewer viewer) {
        if (found < page.size() && (found > 0 || page.page() == 0)) {
            return Uni.createFrom().item((long) page.page() * page.size() + found);
        }
        return viewer.equals(Viewer.PUBLIC) ? publicTotal(filter) : count(session, where);
    }

    /**
     * How many proposals anonymous visitors find under a filter, kept like their pages ({@code
     * quarkus.cache.caffeine.proposal-totals}): every page and sort order of a filter shares it, and the count is the
     * costlier half of a page.
     */
    @CacheResult(cacheName = "proposal-totals")
    @WithSession
    public Uni<Long> publicTotal(ProposalFilter filter) {
        return Panache.getSession().flatMap(session -> count(session, filter.where(Viewer.PUBLIC, null)));
    }

    private static Uni<Long> count(Mutiny.Session session, SqlCondition where) {
        Mutiny.SelectionQuery<Long> count = session.createNativeQuery(
                "SELECT count(*) FROM proposal p WHERE " + where.sql(), Long.class);
        where.parameters().forEach(count::setParameter);
        return count.getSingleResult();
    }

    /**
     * For each facet, the count per value under all the other filters, largest first. Six grouped scans per call:
     * the counts are kept for a few seconds ({@code quarkus.cache.caffeine.proposal-facets}), so a consultation
     * peak of visitors opening the same filter panel costs one computation, not one per visitor.
     */
    @CacheResult(cacheName = "proposal-facets")
    @WithSession
    public Uni<Map<Facet, List<FacetCount>>> facets(ProposalFilter filter, Viewer viewer) {
        return requirePlan(filter.planId()).flatMap(plan -> Panache.getSession().flatMap(session -> {
            List<String> selects = new ArrayList<>();
            Map<String, Object> parameters = new HashMap<>();
            for (Facet facet : Facet.values()) {
                SqlCondition where = filter.where(viewer, facet);
                selects.add("SELECT '" + facet.name() + "' AS facet, p." + facet.name()
                        + " AS value, count(*) AS n FROM proposal p WHERE " + where.sql() + " AND p." + facet.name()
                        + " IS NOT NULL GROUP BY p." + facet.name());
                parameters.putAll(where.parameters());
            }
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(
                    String.join(" UNION ALL ", selects) + " ORDER BY facet, n DESC, value", Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList().map(ProposalSearch::byFacet);
        }));
    }

    /** Visible, open proposals of the plan closest to a draft text, best first, with a score in [0, 1). */
    @WithSession
    public Uni<List<SimilarProposal>> similar(UUID planId, String text, int limit) {
        Set<String> terms = new LinkedHashSet<>(italian.terms(text));
        if (terms.isEmpty()) {
            return requirePlan(planId).replaceWith(List.of());
        }
        String anyTerm = terms.stream().limit(MAX_SIMILARITY_TERMS).map(ProposalSearch::quoted)
                .collect(Collectors.joining(" | "));
        return requirePlan(planId).flatMap(plan -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("""
                        SELECT p.id, p.title, p.status, p.supports, ts_rank(p.search, q, 32) AS score
                        FROM proposal p, to_tsquery('simple', :anyTerm) q
                        WHERE p.plan_id = :planId AND p.search @@ q AND p.visibility = 'VISIBLE'
                          AND p.status NOT IN ('WITHDRAWN', 'MERGED')
                        ORDER BY score DESC, p.supports DESC, p.id
                        LIMIT :limit""", Object[].class)
                .setParameter("anyTerm", anyTerm).setParameter("planId", planId).setParameter("limit", limit)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new SimilarProposal((UUID) row[0], (String) row[1],
                        (String) row[2], ((Number) row[3]).intValue(),
                        BigDecimal.valueOf(((Number) row[4]).doubleValue()).setScale(3, RoundingMode.HALF_UP)))
                        .toList())));
    }

    private static Uni<PlanView> requirePlan(UUID planId) {
        return PlanView.<PlanView>findById(planId).map(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("Piano non trovato");
            }
            return plan;
        });
    }

    private static Map<Facet, List<FacetCount>> byFacet(List<Object[]> rows) {
        Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            facets.put(facet, new ArrayList<>());
        }
        for (Object[] row : rows) {
            facets.get(Facet.valueOf((String) row[0]))
                    .add(new FacetCount((String) row[1], ((Number) row[2]).longValue()));
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
