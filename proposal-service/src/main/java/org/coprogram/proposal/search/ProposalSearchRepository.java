package org.coprogram.proposal.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.sql.NativeSelects;
import org.coprogram.proposal.proposal.Proposal;
import org.coprogram.proposal.search.ProposalFilter.Facet;
import org.coprogram.proposal.search.ProposalFilter.SqlCondition;
import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The search statements over {@code proposal}, in SQL over the Lucene-analysed {@code search} column; conditions come
 * from {@link ProposalFilter#where}, with bound parameters. Call inside the caller's session.
 */
@ApplicationScoped
public class ProposalSearchRepository {

    /** The mapped columns of {@link Proposal}: the search vector stays in the database. */
    static final String COLUMNS = """
            p.id, p.plan_id, p.kind, p.title, p.body, p.theme, p.municipality, p.district, p.province, p.category,
            p.organization, p.status, p.supports, p.visibility, p.flags, p.open_flags, p.last_flagged_at,
            p.reviewed_at, p.answer_text, p.answered_at, p.merged_into, p.withdrawn_at, p.author_id,
            p.author_pseudonym, p.created_at, p.updated_at, p.version, p.title_terms, p.body_terms, p.origin,
            p.original_url, p.comments, p.import_id, p.comment_count""";

    public Uni<List<Proposal>> page(SqlCondition where, ProposalFilter.Sort sort, int limit, long offset) {
        return Panache.getSession().flatMap(session -> {
            Mutiny.SelectionQuery<Proposal> items = session.createNativeQuery("SELECT " + COLUMNS
                    + " FROM proposal p WHERE " + where.sql() + " ORDER BY " + sort.orderBy
                    + " LIMIT :limit OFFSET :offset", Proposal.class);
            where.parameters().forEach(items::setParameter);
            return NativeSelects.bindOutsidePlanCache(items.setParameter("offset", offset), "limit", limit)
                    .getResultList();
        });
    }

    public Uni<Long> count(SqlCondition where) {
        return Panache.getSession().flatMap(session -> {
            Mutiny.SelectionQuery<Long> count = session.createNativeQuery(
                    "SELECT count(*) FROM proposal p WHERE " + where.sql(), Long.class);
            return NativeSelects.bindAllOutsidePlanCache(count, where.parameters()).getSingleResult();
        });
    }

    /** One grouped scan per facet, each under its own condition, in one statement; largest counts first. */
    public Uni<List<FacetRow>> facetCounts(Map<Facet, SqlCondition> conditions) {
        List<String> selects = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        conditions.forEach((facet, where) -> {
            selects.add("SELECT '" + facet.name() + "' AS facet, p." + facet.name()
                    + " AS value, count(*) AS n FROM proposal p WHERE " + where.sql() + " AND p." + facet.name()
                    + " IS NOT NULL GROUP BY p." + facet.name());
            parameters.putAll(where.parameters());
        });
        return Panache.getSession().flatMap(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(
                    String.join(" UNION ALL ", selects) + " ORDER BY facet, n DESC, value", Object[].class);
            return NativeSelects.bindAllOutsidePlanCache(query, parameters).getResultList();
        }).map(rows -> rows.stream()
                .map(row -> new FacetRow(Facet.valueOf((String) row[0]), (String) row[1],
                        ((Number) row[2]).longValue()))
                .toList());
    }

    /** Visible, open proposals of the plan matching any term of {@code anyTerm} (a tsquery), best first. */
    public Uni<List<SimilarRow>> similar(UUID planId, String anyTerm, int limit) {
        return Panache.getSession().flatMap(session -> NativeSelects.bindOutsidePlanCache(session.createNativeQuery("""
                SELECT p.id, p.title, p.status, p.supports, ts_rank(p.search, q, 32) AS score
                FROM proposal p, to_tsquery('simple', :anyTerm) q
                WHERE p.plan_id = :planId AND p.search @@ q AND p.visibility = 'VISIBLE'
                  AND p.status NOT IN ('WITHDRAWN', 'MERGED')
                ORDER BY score DESC, p.supports DESC, p.id
                LIMIT :limit""", Object[].class), "planId", planId)
                .setParameter("anyTerm", anyTerm).setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(row -> new SimilarRow((UUID) row[0], (String) row[1],
                        (String) row[2], ((Number) row[3]).intValue(), ((Number) row[4]).doubleValue())).toList());
    }

    public record FacetRow(Facet facet, String value, long count) {
    }

    public record SimilarRow(UUID id, String title, String status, int supports, double score) {
    }
}
