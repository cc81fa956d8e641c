package org.coprogram.proposal.moderation;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The {@code flag} rows: one per person per proposal, by primary key. Call inside the caller's session. */
@ApplicationScoped
public class FlagRepository {

    /** False when this person already flagged the proposal. */
    public Uni<Boolean> add(UUID proposalId, String flagger, FlagReason reason, String details) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO flag (proposal_id, flagger, reason, details, created_at)
                VALUES (:proposal, :flagger, :reason, :details, now()) ON CONFLICT DO NOTHING""")
                .setParameter("proposal", proposalId).setParameter("flagger", flagger)
                .setParameter("reason", reason.name()).setParameter("details", details)
                .executeUpdate()).map(inserted -> inserted > 0);
    }

    /** How often each reason was given, per proposal: most frequent first. */
    public Uni<List<ReasonRow>> reasons(List<UUID> proposalIds) {
        if (proposalIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT proposal_id, reason, count(*) FROM flag WHERE proposal_id IN (:ids)
                GROUP BY proposal_id, reason ORDER BY proposal_id, count(*) DESC, reason""", Object[].class)
                .setParameter("ids", proposalIds).getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new ReasonRow((UUID) row[0], (String) row[1], ((Number) row[2]).longValue()))
                        .toList());
    }

    public record ReasonRow(UUID proposalId, String reason, long count) {
    }
}
