package org.coprogram.synthesis.plan;

/** A plan's phases in their only allowed order. */
public enum Phase {
    DRAFT, SOCIAL_REPORT, CONSULTATION, SYNTHESIS, ADOPTION, MONITORING, CLOSED;

    /** Phases only move forward; a phase may be skipped (a region without a social-report phase). */
    public boolean canMoveTo(Phase next) {
        return next.ordinal() > ordinal();
    }
}
