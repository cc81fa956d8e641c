package org.coprogram.notification.follow;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.personal.PersonalEvents.Reason;
import org.coprogram.common.personal.PersonalEvents.TargetType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code follow} table. Writes run in the current Panache transaction (a request's, or the inbox's with the event
 * id that caused them); reads on the pool.
 */
@ApplicationScoped
public class FollowRepository {

    private final Pool pool;

    public FollowRepository(Pool pool) {
        this.pool = pool;
    }

    /** Starts following; a second follow of the same target changes nothing (the first reason stays). */
    public Uni<Void> follow(String accountId, TargetType type, String targetId, Reason reason,
            OffsetDateTime now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO follow (account_id, target_type, target_id, reason, created_at)"
                        + " VALUES (:account, :type, :target, :reason, :now) ON CONFLICT DO NOTHING")
                .setParameter("account", accountId).setParameter("type", type.name())
                .setParameter("target", targetId).setParameter("reason", reason.name())
                .setParameter("now", now).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> unfollow(String accountId, TargetType type, String targetId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM follow WHERE account_id = :account AND target_type = :type AND target_id = :target")
                .setParameter("account", accountId).setParameter("type", type.name())
                .setParameter("target", targetId).executeUpdate()).replaceWithVoid();
    }

    /** The caller's follows, newest first (a person follows a handful of things: at most 500 are listed). */
    public Uni<List<FollowView>> of(String accountId) {
        return pool.preparedQuery("SELECT target_type, target_id, reason, created_at FROM follow"
                + " WHERE account_id = $1 ORDER BY created_at DESC, target_type, target_id LIMIT 500")
                .execute(Tuple.of(accountId)).map(rows -> {
                    List<FollowView> views = new ArrayList<>();
                    for (Row row : rows) {
                        views.add(new FollowView(TargetType.valueOf(row.getString(0)), row.getString(1),
                                Reason.valueOf(row.getString(2)), row.getOffsetDateTime(3)));
                    }
                    return views;
                });
    }
}
