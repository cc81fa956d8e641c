package org.coprogram.proposal.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.text.ItalianText;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.proposal.proposal.Kind;
import org.coprogram.proposal.proposal.ProposalStatus;
import org.coprogram.proposal.proposal.Viewer;

/**
 * The public list's filters, validated, as SQL over table {@code proposal p}. {@code terms} are the Lucene terms of
 * the text query {@code q}; a query made only of stop words filters nothing. Withdrawn proposals are left out unless
 * asked for by status.
 */
public record ProposalFilter(UUID planId, String theme, String municipality, String district, String province,
        StakeholderCategory category, Kind kind, ProposalStatus status, List<String> terms, Sort sort) {

    public static final int MAX_QUERY_LENGTH = 200;

    /** The list's order; {@code relevance} needs a text query and is the default when there is one. */
    public enum Sort {
        recent("p.created_at DESC, p.id"), supports("p.supports DESC, p.created_at DESC, p.id"), relevance(
                "ts_rank(p.search, plainto_tsquery('simple', :terms)) DESC, p.created_at DESC, p.id");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    /** The facets the portal's filter panel counts; each is counted under every filter but its own. */
    public enum Facet {
        theme, kind, category, status, province, district
    }

    public static ProposalFilter of(UUID planId, Map<String, String> query, ItalianText italian) {
        List<Violation> violations = new ArrayList<>();
        StakeholderCategory category = parse(StakeholderCategory.class, "category", query.get("category"),
                violations);
        Kind kind = parse(Kind.class, "kind", query.get("kind"), violations);
        ProposalStatus status = parse(ProposalStatus.class, "status", query.get("status"), violations);
        String q = blankToNull(query.get("q"));
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            violations.add(new Violation("q", "la ricerca può avere al massimo " + MAX_QUERY_LENGTH + " caratteri"));
        }
        List<String> terms = q == null || q.length() > MAX_QUERY_LENGTH ? List.of() : italian.terms(q);
        Sort sort = parse(Sort.class, "sort", query.get("sort"), violations);
        if (sort == Sort.relevance && terms.isEmpty()) {
            violations.add(new Violation("sort", "l'ordinamento per pertinenza richiede una ricerca testuale (q)"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("Filtri non validi", violations);
        }
        if (sort == null) {
            sort = terms.isEmpty() ? Sort.recent : Sort.relevance;
        }
        return new ProposalFilter(planId, blankToNull(query.get("theme")), blankToNull(query.get("municipality")),
                blankToNull(query.get("district")), blankToNull(query.get("province")), category, kind, status,
                terms, sort);
    }

    /** The WHERE clause for {@code viewer}, leaving out the filter on {@code except} (may be null). */
    SqlCondition where(Viewer viewer, Facet except) {
        SqlCondition condition = new SqlCondition(new StringBuilder("p.plan_id = :planId"), new LinkedHashMap<>());
        condition.parameters().put("planId", planId);
        condition.equal("p.municipality", "municipality", municipality);
        if (except != Facet.theme) {
            condition.equal("p.theme", "theme", theme);
        }
        if (except != Facet.district) {
            condition.equal("p.district", "district", district);
        }
        if (except != Facet.province) {
            condition.equal("p.province", "province", province);
        }
        if (except != Facet.category) {
            condition.equal("p.category", "category", category == null ? null : category.name());
        }
        if (except != Facet.kind) {
            condition.equal("p.kind", "kind", kind == null ? null : kind.name());
        }
        if (except != Facet.status) {
            if (status == null) {
                condition.sql().append(" AND p.status <> 'WITHDRAWN'");
            } else {
                condition.equal("p.status", "status", status.name());
            }
        }
        if (!terms.isEmpty()) {
            condition.sql().append(" AND p.search @@ plainto_tsquery('simple', :terms)");
            condition.parameters().put("terms", String.join(" ", terms));
        }
        condition.sql().append(" AND (p.visibility = 'VISIBLE'");
        viewer.accountId().ifPresent(account -> {
            condition.sql().append(" OR p.author_id = :viewer");
            condition.parameters().put("viewer", account);
        });
        viewer.staffRegion().ifPresent(region -> {
            // Hidden proposals only for the staff of the region that runs the plan.
            condition.sql()
                    .append(" OR EXISTS (SELECT 1 FROM plan_view v WHERE v.id = p.plan_id AND v.region = :staff)");
            condition.parameters().put("staff", region);
        });
        condition.sql().append(')');
        return condition;
    }

    /** A SQL condition and its named parameters. */
    record SqlCondition(StringBuilder sql, Map<String, Object> parameters) {

        void equal(String column, String parameter, Object value) {
            if (value != null) {
                sql.append(" AND ").append(column).append(" = :").append(parameter);
                parameters.put(parameter, value);
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "valore non ammesso: " + value));
            return null;
        }
    }
}
