package org.coprogram.proposal.proposal;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "proposal")
public class Proposal extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_id")
    public UUID planId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public String title;

    public String body;

    public String theme;

    public String municipality;

    public String district;

    public String province;

    @Enumerated(EnumType.STRING)
    public StakeholderCategory category;

    public String organization;

    @Enumerated(EnumType.STRING)
    public ProposalStatus status;

    public int supports;

    /** Account id; used for authorship checks, never published. */
    @Column(name = "author_id")
    public String authorId;

    @Column(name = "author_pseudonym")
    public String authorPseudonym;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
