package org.coprogram.notification.erasure;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.sql.NativeSelects;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The statements of an erasure in notification-service. Call inside the erasure's transaction. */
@ApplicationScoped
public class ErasureRepository {

    /** The advisory-lock class of these locks, apart from the outbox relay's single-key lock. */
    private static final int ERASURE_LOCKS = 2717;

    /** Every row of the account: mail outbox first (it refers to notifications), notifications, follows, preference. */
    Uni<Void> deleteAccount(String accountId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM mail_outbox WHERE account_id = :a").setParameter("a", accountId)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("DELETE FROM notification WHERE account_id = :a")
                        .setParameter("a", accountId).executeUpdate())
                .chain(() -> session.createNativeQuery("DELETE FROM follow WHERE account_id = :a")
                        .setParameter("a", accountId).executeUpdate())
                .chain(() -> session.createNativeQuery("DELETE FROM notification_preference WHERE account_id = :a")
                        .setParameter("a", accountId).executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * The account's tombstone: its personal events made up to {@code until} are dropped from now on. Removes the
     * tombstones no event can reach any more (older than the personal topic's retention, with a day to spare).
     */
    Uni<Void> tombstone(String accountKey, OffsetDateTime until) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO erased_account (account_key, erased_until) VALUES (:key, :until)
                ON CONFLICT (account_key) DO UPDATE
                    SET erased_until = greatest(erased_account.erased_until, excluded.erased_until)""")
                .setParameter("key", accountKey).setParameter("until", until).executeUpdate()
                .chain(() -> session.createNativeQuery(
                        "DELETE FROM erased_account WHERE erased_until < now() - interval '15 days'")
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * Serialises, per account, the erasure and the personal events that could bring the account back, until the
     * caller's transaction ends: an event applied first is then erased; one applied after sees the tombstone.
     */
    Uni<Void> lock(String accountKey) {
        return Panache.getSession().flatMap(session -> NativeSelects.bindOutsidePlanCache(session
                .createNativeQuery("SELECT pg_advisory_xact_lock(" + ERASURE_LOCKS + ", hashtext(:key))"), "key",
                accountKey).getSingleResult())
                .replaceWithVoid();
    }

    /** Up to when the account's personal events are dropped, if it was erased. */
    public Uni<Optional<OffsetDateTime>> erasedUntil(String accountKey) {
        return Panache.getSession().flatMap(session -> NativeSelects.bindOutsidePlanCache(session
                .createNativeQuery("SELECT erased_until FROM erased_account WHERE account_key = :key",
                        OffsetDateTime.class),
                "key", accountKey).getResultList())
                .map(rows -> rows.stream().findFirst());
    }
}
