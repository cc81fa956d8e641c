package org.coprogram.contracts;

import java.util.Optional;

/**
 * A plan's phases in their only allowed order ({@code DRAFT} before the first, {@code CLOSED} after the last). The
 * enum names are the wire and database representation: in events, JSON bodies and every {@code phase} column.
 */
public enum Phase {
    DRAFT, SOCIAL_REPORT, CONSULTATION, SYNTHESIS, ADOPTION, MONITORING, CLOSED;

    /** Phases only move forward; a phase may be skipped (a region without a social-report phase). */
    public boolean canMoveTo(Phase next) {
        return next.ordinal() > ordinal();
    }

    public boolean isBefore(Phase other) {
        return ordinal() < other.ordinal();
    }

    public static Optional<Phase> parse(String name) {
        try {
            return name == null ? Optional.empty() : Optional.of(valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
