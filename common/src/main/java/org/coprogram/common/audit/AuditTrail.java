package org.coprogram.common.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AuditTrail {

    /** Call inside the transaction that makes the change. */
    public Uni<AuditEntry> record(String actor, String action, String targetType, String targetId, String details) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        entry.actor = actor;
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = targetId;
        entry.details = details;
        return entry.persist();
    }
}
