package org.coprogram.synthesis.traceability;

import java.util.Optional;

/**
 * What a link may name, and the read model's source of each: a proposal, a survey question (the aggregate of its
 * survey's responses), one contribution of published meeting minutes, one finding or practice of a social report, or
 * a whole synthesis cluster (linked as each of its members).
 */
public enum ContributionKind {
    PROPOSAL("PROPOSAL"), SURVEY_QUESTION("SURVEY"), MEETING_CONTRIBUTION("MEETING"), SOCIAL_REPORT_SECTION(
            "SOCIAL_REPORT"), CLUSTER(null);

    /** The {@code contribution.source} of the rows of this kind. */
    final String source;

    ContributionKind(String source) {
        this.source = source;
    }

    static Optional<ContributionKind> parse(String text) {
        for (ContributionKind kind : values()) {
            if (kind.name().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind a cluster member of read-model {@code source} is linked as; empty for those a link cannot name. */
    static Optional<ContributionKind> ofSource(String source) {
        for (ContributionKind kind : values()) {
            if (kind != SURVEY_QUESTION && kind.source != null && kind.source.equals(source)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
