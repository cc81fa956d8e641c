package org.coprogram.synthesis.readmodel;

import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Native statements on the current reactive session (inside the caller's transaction). */
public final class Sql {

    private Sql() {
    }

    public static Uni<Integer> update(String sql, Map<String, Object> parameters) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    public static Uni<List<Object[]>> rows(String sql, Map<String, Object> parameters) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
