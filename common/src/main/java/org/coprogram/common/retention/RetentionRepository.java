package org.coprogram.common.retention;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes old rows of the event tables, one bounded batch per call, each in its own short transaction under an
 * advisory lock: one replica prunes at a time, and a batch never holds many row locks or much WAL at once. The
 * subselect walks the index on the row's time (V0_3) up to the cutoff only; {@code = ANY(ARRAY(…))} makes the outer
 * delete a lookup by key (or a TID scan) rather than a join over the table.
 */
@ApplicationScoped
public class RetentionRepository {

    /** Shared by every replica of a service (they share its database); distinct from the relay's. */
    private static final long RETENTION_LOCK = 0x636f70726574L;
    /** What a batch returns when another replica holds the lock. */
    public static final int LOCKED_ELSEWHERE = -1;

    private final Pool pool;

    public RetentionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Outbox rows published before {@code before}; an unpublished row is never deleted, however old. */
    public Uni<Integer> deletePublishedOutbox(OffsetDateTime before, int limit) {
        return locked("DELETE FROM outbox_event WHERE seq = ANY(ARRAY(SELECT seq FROM outbox_event"
                + " WHERE published_at < $1 ORDER BY published_at LIMIT $2))", Tuple.of(before, limit));
    }

    /** Processed event ids recorded before {@code before}. */
    public Uni<Integer> deleteProcessedIds(OffsetDateTime before, int limit) {
        return locked("DELETE FROM processed_event WHERE ctid = ANY(ARRAY(SELECT ctid FROM processed_event"
                + " WHERE processed_at < $1 ORDER BY processed_at LIMIT $2))", Tuple.of(before, limit));
    }

    /** Parked events replayed before {@code before}; those never replayed stay until an operator deals with them. */
    public Uni<Integer> deleteReplayedParked(OffsetDateTime before, int limit) {
        return locked("DELETE FROM parked_event WHERE id = ANY(ARRAY(SELECT id FROM parked_event"
                + " WHERE replayed_at < $1 ORDER BY replayed_at LIMIT $2))", Tuple.of(before, limit));
    }

    private Uni<Integer> locked(String delete, Tuple parameters) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RETENTION_LOCK))
                .flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? conn.preparedQuery(delete).execute(parameters).map(RowSet::rowCount)
                        : Uni.createFrom().item(LOCKED_ELSEWHERE)));
    }
}
