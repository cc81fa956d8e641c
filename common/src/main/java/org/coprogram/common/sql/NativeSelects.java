package org.coprogram.common.sql;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Keeps a native SELECT's plan out of Hibernate's query plan cache, where under Hibernate Reactive 3.2 it is never found
 * again. Hibernate Reactive gives each native query a new {@code ReactiveResultSetMapping}, which has no
 * {@code equals}, so the plan-cache key of a native SELECT (its SQL, that mapping, its query spaces) never equals a
 * stored one. Each execution parses the SQL again, as it would without a cache, and stores one more plan. This goes on
 * until the cache holds its maximum, 2,048 copies of the few statements a service runs most. Those copies share one hash
 * bin, because a key's hash is its SQL's, and every later lookup walks that bin (docs/performance.md, "Hibernate's plan
 * cache and native queries").
 * <p>
 * Hibernate does not cache the plan of a native query that has a multi-valued binding ({@code NativeQueryImpl
 * #isCacheableQuery}). One parameter bound as a one-element list is written as one placeholder in parentheses,
 * {@code (?)}, with the same value: {@code = (?)}, {@code LIMIT (?)} and {@code hashtext((?))} mean what {@code ?} did.
 * Only the cache is left alone. Native statements that are not SELECTs are never cached and need none of this; a
 * select without a parameter, or with only null ones, cannot use it.
 */
public final class NativeSelects {

    private NativeSelects() {
    }

    /** Binds {@code value} (not null, not a collection) to {@code name} so that the query's plan is not cached. */
    public static <Q extends Mutiny.AbstractQuery> Q bindOutsidePlanCache(Q query, String name, Object value) {
        if (!single(value)) {
            throw new IllegalArgumentException(
                    "the parameter that keeps a plan out of the cache needs one value: " + name);
        }
        query.setParameter(name, List.of(value));
        return query;
    }

    /**
     * Binds every parameter, one of them (the first with a single non-null value) so that the query's plan is not
     * cached. A query with no such parameter is bound as it is, and its plan cached.
     */
    public static <Q extends Mutiny.AbstractQuery> Q bindAllOutsidePlanCache(Q query, Map<String, ?> parameters) {
        String outside = parameters.entrySet().stream()
                .filter(entry -> single(entry.getValue()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        parameters.forEach((name, value) -> {
            if (name.equals(outside)) {
                bindOutsidePlanCache(query, name, value);
            } else {
                query.setParameter(name, value);
            }
        });
        return query;
    }

    private static boolean single(Object value) {
        return value != null && !(value instanceof Collection<?>) && !value.getClass().isArray();
    }
}
