package org.coprogram.common.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Who changed what, and when; written in the transaction of the change. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    /** The account id of the person, or the service name for automatic actions. */
    public String actor;

    public String action;

    @Column(name = "target_type")
    public String targetType;

    @Column(name = "target_id")
    public String targetId;

    public String details;
}
