package org.coprogram.proposal.proposal;

import java.time.OffsetDateTime;

import org.coprogram.common.outbox.OutboxEvent;

/**
 * A proposal ready to be written in one statement: the row, the plan view's {@code updated_at} it was checked and
 * placed against, and its two events (the public submission, the author's follow), not yet stored.
 */
record Submission(Proposal proposal, OffsetDateTime planUpdatedAt, OutboxEvent submitted, OutboxEvent follow) {
}
