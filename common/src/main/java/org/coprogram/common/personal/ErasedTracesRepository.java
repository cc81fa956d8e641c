package org.coprogram.common.personal;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.contracts.EventTypes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Forgets an account in the tables every service shares (common's migrations): the audit trail keeps who-did-what with
 * the actor replaced by the erasure's marker; outbox and parked events that name the account are deleted (personal
 * events not yet relayed would otherwise emit it after the erasure), except the erasure request itself, which the
 * requesting service removes once every service answered; idempotency records of the person are deleted. Call inside
 * the erasure's transaction.
 */
@ApplicationScoped
public class ErasedTracesRepository {

    private final Pseudonymizer pseudonyms;

    public ErasedTracesRepository(Pseudonymizer pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    public Uni<Void> forget(String accountId, UUID erasureId) {
        String pattern = "%" + likeEscaped(accountId) + "%";
        String marker = ErasureEvents.erasedActor(erasureId);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE audit_entry SET actor = CASE WHEN actor = :account THEN :marker ELSE actor END,
                       target_id = CASE WHEN target_id = :account THEN :marker ELSE target_id END,
                       details = CASE WHEN details LIKE :pattern THEN NULL ELSE details END
                WHERE actor = :account OR target_id = :account OR details LIKE :pattern""")
                .setParameter("account", accountId).setParameter("marker", marker).setParameter("pattern", pattern)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        DELETE FROM outbox_event WHERE payload LIKE :pattern AND type <> :request""")
                        .setParameter("pattern", pattern)
                        .setParameter("request", EventTypes.PERSON_ERASURE_REQUESTED).executeUpdate())
                .chain(() -> session.createNativeQuery("""
                        DELETE FROM parked_event WHERE payload LIKE :pattern AND type <> :request""")
                        .setParameter("pattern", pattern)
                        .setParameter("request", EventTypes.PERSON_ERASURE_REQUESTED).executeUpdate())
                .chain(() -> session.createNativeQuery("""
                        DELETE FROM idempotency_key WHERE caller = :caller OR body LIKE :pattern""")
                        .setParameter("caller", pseudonyms.of(accountId)).setParameter("pattern", pattern)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
