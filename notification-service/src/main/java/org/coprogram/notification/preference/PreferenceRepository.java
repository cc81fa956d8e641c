package org.coprogram.notification.preference;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code notification_preference}: one row per person who chose; IMMEDIATE for those who never did. */
@ApplicationScoped
public class PreferenceRepository {

    private final Pool pool;

    public PreferenceRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<EmailMode> of(String accountId) {
        return pool.preparedQuery("SELECT mode FROM notification_preference WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0
                        ? EmailMode.IMMEDIATE
                        : EmailMode.valueOf(rows.iterator().next().getString(0)));
    }

    /**
     * Sets the mode, in the current Panache transaction. E-mails already queued for a person who now wants none are not sent ({@code MailOutboxRepository}
     * checks the preference when it sends).
     */
    public Uni<Void> set(String accountId, EmailMode mode, OffsetDateTime now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO notification_preference (account_id, mode, updated_at) VALUES (:account, :mode, :now)"
                        + " ON CONFLICT (account_id) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at")
                .setParameter("account", accountId).setParameter("mode", mode.name()).setParameter("now", now)
                .executeUpdate()).replaceWithVoid();
    }
}
