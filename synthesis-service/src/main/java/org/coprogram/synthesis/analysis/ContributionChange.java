package org.coprogram.synthesis.analysis;

import java.util.UUID;

/**
 * One contribution the change log says changed: its row as the analysis reads it now, or {@code now == null} when the
 * analysis no longer counts it (removed, hidden, withdrawn, restricted, out of the scope, without text).
 */
public record ContributionChange(UUID id, TextContribution now) {
}
