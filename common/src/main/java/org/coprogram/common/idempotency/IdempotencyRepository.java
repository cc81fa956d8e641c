package org.coprogram.common.idempotency;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code idempotency_key} table. {@link #claim}, {@link #complete} and {@link #find} run in the caller's current
 * Hibernate Reactive transaction (that of the create); {@link #pruneOlderThan} runs on its own.
 */
@ApplicationScoped
public class IdempotencyRepository {

    /** Who asked what under which key. */
    public record Scope(String caller, String operation, String key) {
    }

    /** What the first request answered; {@code resourceId} and {@code location} are null for a create without one. */
    public record StoredResponse(String requestHash, int status, String location, String resourceId, String body) {
    }

    // A concurrent insert of the same key waits here until the first transaction ends: then it inserts nothing (the
    // first committed) or inserts (the first rolled back, so nothing was created).
    private static final String CLAIM = """
            INSERT INTO idempotency_key (caller, operation, idempotency_key, request_hash)
            VALUES (:caller, :operation, :key, :hash) ON CONFLICT DO NOTHING""";

    private static final String COMPLETE = """
            UPDATE idempotency_key SET status = :status, location = :location, resource_id = :resource, body = :body
            WHERE caller = :caller AND operation = :operation AND idempotency_key = :key""";

    private static final String FIND = """
            SELECT request_hash, status, location, resource_id, body FROM idempotency_key
            WHERE caller = :caller AND operation = :operation AND idempotency_key = :key""";

    private static final String PRUNE = "DELETE FROM idempotency_key WHERE created_at < $1";

    private final Pool pool;

    public IdempotencyRepository(Pool pool) {
        this.pool = pool;
    }

    /** True if this request is the first with its key; false if a committed first one exists. */
    Uni<Boolean> claim(Scope scope, String requestHash) {
        return Panache.getSession().flatMap(session -> {
            Mutiny.Query<Object> query = session.createNativeQuery(CLAIM);
            bind(query, scope).setParameter("hash", requestHash);
            return query.executeUpdate();
        }).map(inserted -> inserted == 1);
    }

    Uni<Void> complete(Scope scope, StoredResponse response) {
        return Panache.getSession().flatMap(session -> {
            Mutiny.Query<Object> query = session.createNativeQuery(COMPLETE);
            bind(query, scope).setParameter("status", response.status()).setParameter("location", response.location())
                    .setParameter("resource", response.resourceId()).setParameter("body", response.body());
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** The stored first response of a claimed key. */
    Uni<StoredResponse> find(Scope scope) {
        return Panache.getSession().flatMap(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(FIND, Object[].class);
            bind(query, scope);
            return query.getSingleResult();
        }).map(row -> new StoredResponse((String) row[0], ((Number) row[1]).intValue(), (String) row[2],
                (String) row[3], (String) row[4]));
    }

    /** Forgets the keys recorded before {@code horizon}; the number forgotten. */
    public Uni<Integer> pruneOlderThan(OffsetDateTime horizon) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(horizon)).map(rows -> rows.rowCount());
    }

    private static Mutiny.AbstractQuery bind(Mutiny.AbstractQuery query, Scope scope) {
        return query.setParameter("caller", scope.caller()).setParameter("operation", scope.operation())
                .setParameter("key", scope.key());
    }
}
