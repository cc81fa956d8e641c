package org.coprogram.synthesis.readmodel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.coprogram.common.sql.NativeSelects;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What the read-model repositories share: native statements with named parameters on the current reactive session,
 * inside the caller's transaction. Only repositories extend it; their methods take and return typed rows.
 */
public abstract class NativeRepository {

    protected static Uni<Integer> update(String sql, Map<String, Object> parameters) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    protected static Uni<List<Object[]>> rows(String sql, Map<String, Object> parameters) {
        return Panache.getSession().flatMap(session -> {
            return NativeSelects.bindAllOutsidePlanCache(session.createNativeQuery(sql, Object[].class), parameters)
                    .getResultList();
        });
    }

    /** Named parameters that, unlike {@link Map#of}, accept nulls (a missing theme or category is null). */
    protected static Map<String, Object> named(Object... namesAndValues) {
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    protected static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
