package org.coprogram.proposal.erasure;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.common.personal.ErasureEvents.Contributions;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The {@code erasure_request} and {@code erasure_service} rows. Call inside the caller's session or transaction. */
@ApplicationScoped
public class ErasureRepository {

    /** One request as stored: {@code accountKey} is the keyed hash of the account, never the account. */
    record Row(UUID id, Contributions contributions, ErasureStatus status, OffsetDateTime requestedAt) {
    }

    /**
     * A new pending request with every service pending, unless the person already has a pending one: then nothing is
     * written and the answer is empty (the partial unique index settles two racing requests).
     */
    Uni<Boolean> insertPending(UUID id, String accountKey, Contributions contributions, OffsetDateTime now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO erasure_request (id, account_key, contributions, status, requested_at)
                VALUES (:id, :key, :contributions, 'PENDING', :now)
                ON CONFLICT (account_key) WHERE status = 'PENDING' DO NOTHING""")
                .setParameter("id", id).setParameter("key", accountKey)
                .setParameter("contributions", contributions.name()).setParameter("now", now)
                .executeUpdate()
                .flatMap(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : session.createNativeQuery("""
                                INSERT INTO erasure_service (erasure_id, service)
                                SELECT :id, s FROM unnest(cast(:services AS text[])) AS s""")
                                .setParameter("id", id)
                                .setParameter("services", ErasureEvents.SERVICES.toArray(String[]::new))
                                .executeUpdate().replaceWith(true)));
    }

    /** The person's latest request. */
    Uni<Optional<Row>> latest(String accountKey) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT id, contributions, status, requested_at FROM erasure_request WHERE account_key = :key
                ORDER BY requested_at DESC, id LIMIT 1""", Object[].class)
                .setParameter("key", accountKey).getResultList())
                .map(rows -> rows.stream().findFirst().map(ErasureRepository::row));
    }

    /** Each service's state, in the order of {@link ErasureEvents#SERVICES}. */
    Uni<Map<String, ErasureStatus>> services(UUID id) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT service, completed_at IS NOT NULL FROM erasure_service WHERE erasure_id = :id""",
                Object[].class).setParameter("id", id).getResultList())
                .map(rows -> {
                    Map<String, ErasureStatus> byService = new LinkedHashMap<>();
                    ErasureEvents.SERVICES.forEach(service -> byService.put(service, ErasureStatus.PENDING));
                    for (Object[] row : rows) {
                        byService.put((String) row[0],
                                Boolean.TRUE.equals(row[1]) ? ErasureStatus.COMPLETED : ErasureStatus.PENDING);
                    }
                    return byService;
                });
    }

    /**
     * Records that {@code service} has forgotten the account; once every service has, the request is COMPLETED and
     * its request event, which names the account, leaves the outbox. True when this completed the request.
     */
    Uni<Boolean> serviceCompleted(UUID id, String service, OffsetDateTime at) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE erasure_service SET completed_at = :at
                WHERE erasure_id = :id AND service = :service AND completed_at IS NULL""")
                .setParameter("id", id).setParameter("service", service).setParameter("at", at).executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        UPDATE erasure_request r SET status = 'COMPLETED', completed_at = :at
                        WHERE r.id = :id AND r.status = 'PENDING'
                          AND NOT EXISTS (SELECT 1 FROM erasure_service s
                                          WHERE s.erasure_id = r.id AND s.completed_at IS NULL)""")
                        .setParameter("id", id).setParameter("at", at).executeUpdate())
                .flatMap(completed -> completed == 0
                        ? Uni.createFrom().item(false)
                        : session.createNativeQuery("""
                                DELETE FROM outbox_event WHERE type = :type AND subject = :subject
                                  AND published_at IS NOT NULL""")
                                .setParameter("type", ErasureEvents.REQUESTED)
                                .setParameter("subject", id.toString()).executeUpdate().replaceWith(true)));
    }

    /** The proposals {@code supporter} (the person's pseudonym) supports. */
    Uni<List<UUID>> supportedBy(String supporter) {
        return ids("SELECT proposal_id FROM support WHERE supporter = :key ORDER BY proposal_id", supporter);
    }

    /** The person's proposals its author may still withdraw. */
    Uni<List<UUID>> openProposalsOf(String accountId) {
        return ids("SELECT id FROM proposal WHERE author_id = :key AND status = 'SUBMITTED' ORDER BY id", accountId);
    }

    /** The person's comments not yet deleted. */
    Uni<List<UUID>> liveCommentsOf(String accountId) {
        return ids("SELECT id FROM comment WHERE author_id = :key AND deleted_at IS NULL ORDER BY id", accountId);
    }

    /**
     * Every row left that names the account or its pseudonym loses it: proposals and comments keep the erasure's
     * {@code marker} and a fresh random pseudonym each (a random UUID's 32 hex digits, the shape of a derived one), the
     * person's flags go with their counts, the organisation representation row goes, an import keeps the marker. Flushes the
     * session's pending changes first, so the statements see the withdrawals made through the entities.
     */
    Uni<Void> forgetRows(String accountId, String pseudonym, String marker) {
        return Panache.getSession().flatMap(session -> session.flush()
                .chain(() -> session.createNativeQuery("""
                        UPDATE proposal SET author_id = :marker,
                               author_pseudonym = replace(gen_random_uuid()::text, '-', '')
                        WHERE author_id = :account""")
                        .setParameter("account", accountId).setParameter("marker", marker).executeUpdate())
                .chain(() -> session.createNativeQuery("""
                        UPDATE comment SET author_id = :marker,
                               author_pseudonym = replace(gen_random_uuid()::text, '-', '')
                        WHERE author_id = :account""")
                        .setParameter("account", accountId).setParameter("marker", marker).executeUpdate())
                // Flags go with their counts, as supports do: kept under a random flagger, they would no longer stop
                // the same login flagging again, and erasing in a loop would hide any proposal.
                .chain(() -> session.createNativeQuery("""
                        WITH gone AS (DELETE FROM flag WHERE flagger = :pseudonym RETURNING proposal_id)
                        UPDATE proposal p SET flags = greatest(p.flags - 1, 0),
                               open_flags = greatest(p.open_flags - 1, 0)
                        FROM gone WHERE p.id = gone.proposal_id""").setParameter("pseudonym", pseudonym)
                        .executeUpdate())
                .chain(() -> session.createNativeQuery("""
                        WITH gone AS (DELETE FROM comment_flag WHERE flagger = :pseudonym RETURNING comment_id)
                        UPDATE comment c SET flags = greatest(c.flags - 1, 0)
                        FROM gone WHERE c.id = gone.comment_id""").setParameter("pseudonym", pseudonym)
                        .executeUpdate())
                .chain(() -> session.createNativeQuery(
                        "DELETE FROM organization_representative WHERE account_id = :account")
                        .setParameter("account", accountId).executeUpdate())
                .chain(() -> session.createNativeQuery(
                        "UPDATE decidim_import SET requested_by = :marker WHERE requested_by = :account")
                        .setParameter("account", accountId).setParameter("marker", marker).executeUpdate()))
                .replaceWithVoid();
    }

    private static Uni<List<UUID>> ids(String sql, String key) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(sql, UUID.class)
                .setParameter("key", key).getResultList());
    }

    private static Row row(Object[] row) {
        return new Row((UUID) row[0], Contributions.valueOf((String) row[1]), ErasureStatus.valueOf((String) row[2]),
                (OffsetDateTime) row[3]);
    }
}
