package org.coprogram.proposal.support;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The {@code support} rows: one per person per proposal, by primary key. Call inside the caller's transaction. */
@ApplicationScoped
public class SupportRepository {

    /** False when this person already supports the proposal. */
    public Uni<Boolean> add(UUID proposalId, String supporter) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO support (proposal_id, supporter, created_at) VALUES (:proposal, :supporter, now())
                ON CONFLICT DO NOTHING""")
                .setParameter("proposal", proposalId).setParameter("supporter", supporter)
                .executeUpdate()).map(inserted -> inserted > 0);
    }

    /** False when this person did not support the proposal. */
    public Uni<Boolean> remove(UUID proposalId, String supporter) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM support WHERE proposal_id = :proposal AND supporter = :supporter")
                .setParameter("proposal", proposalId).setParameter("supporter", supporter)
                .executeUpdate()).map(deleted -> deleted > 0);
    }
}
