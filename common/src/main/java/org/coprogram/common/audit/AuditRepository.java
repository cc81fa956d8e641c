package org.coprogram.common.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Reads the audit trail that {@link AuditTrail} writes; call within a Hibernate Reactive session. */
@ApplicationScoped
public class AuditRepository {

    /** What was done to one target, oldest first. */
    public Uni<List<AuditEntry>> ofTarget(String targetType, String targetId) {
        return AuditEntry.list("targetType = ?1 and targetId = ?2 order by occurredAt, id", targetType, targetId);
    }
}
