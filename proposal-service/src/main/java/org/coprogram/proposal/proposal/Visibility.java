package org.coprogram.proposal.proposal;

/** Whether the public sees a proposal: hidden ones stay visible to their author and to staff. */
public enum Visibility {
    VISIBLE,
    /** Hidden automatically after enough flags, until a moderator decides. */
    PENDING_REVIEW,
    /** Hidden by a moderator. */
    HIDDEN
}
