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

import org.coprogram.contracts.StakeholderCategory;

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

    /** Maintained only by {@code SupportService}'s SQL increments, never written from the entity. */
    @Column(insertable = false, updatable = false)
    public int supports;

    @Enumerated(EnumType.STRING)
    public Visibility visibility = Visibility.VISIBLE;

    /** Maintained only by {@code ModerationService}'s SQL increments, never written from the entity. */
    @Column(insertable = false, updatable = false)
    public int flags;

    /** Flags received since a moderator last reviewed the proposal. */
    @Column(name = "open_flags", insertable = false, updatable = false)
    public int openFlags;

    @Column(name = "last_flagged_at", insertable = false, updatable = false)
    public OffsetDateTime lastFlaggedAt;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "answer_text")
    public String answerText;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;

    @Column(name = "merged_into")
    public UUID mergedInto;

    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;

    /** Lucene terms of the title and body; the database derives the {@code search} vector from them. */
    @Column(name = "title_terms")
    public String titleTerms;

    @Column(name = "body_terms")
    public String bodyTerms;

    /** {@code DECIDIM} for a proposal imported from a Decidim open-data export (docs/decidim.md), else null. */
    public String origin;

    /** The proposal's address where it was first published (Decidim), for an imported one. */
    @Column(name = "original_url")
    public String originalUrl;

    /** Comments an imported proposal had where it came from; the platform has no comments of its own yet. */
    public int comments;

    /** The Decidim import that brought the proposal in, if any. */
    /** Public comments (visible, not deleted): written only by the comment repository's recount (docs/dialogue.md). */
    @Column(name = "comment_count", insertable = false, updatable = false)
    public int commentCount;

    @Column(name = "import_id")
    public UUID importId;

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

    public boolean isAuthoredBy(String accountId) {
        return authorId.equals(accountId);
    }

    public boolean isAnswered() {
        return answeredAt != null;
    }

    /** Withdrawn and merged proposals are closed to supports, edits and new answers. */
    public boolean isClosed() {
        return status == ProposalStatus.WITHDRAWN || status == ProposalStatus.MERGED;
    }
}
