package org.coprogram.proposal.proposal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;

import io.quarkus.panache.common.Sort;

/** The public list's filters, validated, as a Panache query. */
public record ProposalFilter(UUID planId, String theme, String municipality, String district, String province,
        StakeholderCategory category, Kind kind, ProposalStatus status, String sort) {

    public static ProposalFilter of(UUID planId, String theme, String municipality, String district, String province,
            String category, String kind, String status, String sort) {
        List<Violation> violations = new ArrayList<>();
        StakeholderCategory c = parse(StakeholderCategory.class, "category", category, violations);
        Kind k = parse(Kind.class, "kind", kind, violations);
        ProposalStatus s = parse(ProposalStatus.class, "status", status, violations);
        if (sort != null && !sort.equals("supports") && !sort.equals("recent")) {
            violations.add(new Violation("sort", "ordinamento non valido: supports o recent"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("Filtri non validi", violations);
        }
        return new ProposalFilter(planId, blankToNull(theme), blankToNull(municipality), blankToNull(district),
                blankToNull(province), c, k, s, sort == null ? "recent" : sort);
    }

    String query() {
        StringBuilder query = new StringBuilder("planId = :planId");
        parameters().keySet().stream().filter(name -> !name.equals("planId")).sorted()
                .forEach(name -> query.append(" and ").append(name).append(" = :").append(name));
        return query.toString();
    }

    Map<String, Object> parameters() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("planId", planId);
        putIfPresent(parameters, "theme", theme);
        putIfPresent(parameters, "municipality", municipality);
        putIfPresent(parameters, "district", district);
        putIfPresent(parameters, "province", province);
        putIfPresent(parameters, "category", category);
        putIfPresent(parameters, "kind", kind);
        putIfPresent(parameters, "status", status);
        return parameters;
    }

    Sort order() {
        Sort recent = Sort.descending("createdAt").and("id");
        return sort.equals("supports")
                ? Sort.descending("supports").and("createdAt", Sort.Direction.Descending)
                        .and("id")
                : recent;
    }

    private static void putIfPresent(Map<String, Object> parameters, String name, Object value) {
        if (value != null) {
            parameters.put(name, value);
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
