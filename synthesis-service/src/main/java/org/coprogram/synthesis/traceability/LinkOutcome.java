package org.coprogram.synthesis.traceability;

import java.util.Optional;

/** What became of a contribution in a measure. */
public enum LinkOutcome {
    INCORPORATED, PARTIALLY_INCORPORATED, NOT_INCORPORATED;

    static Optional<LinkOutcome> parse(String text) {
        for (LinkOutcome outcome : values()) {
            if (outcome.name().equals(text)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
