package org.coprogram.proposal.comment;

import java.util.Optional;

/**
 * Finds a TextQuoteSelector in a measure's text (docs/dialogue.md, "Anchors"). Every occurrence of {@code exact} in
 * the description, then in the title, is a candidate; each scores the characters of {@code prefix} that end right
 * before it plus the characters of {@code suffix} that start right after it; the best score wins, and on a tie the
 * first candidate (description before title, earlier before later). No occurrence: the quote is not there.
 */
public final class AnchorResolver {

    /** A measure's text in one version. */
    public record MeasureText(int version, String title, String description) {
    }

    /** A found quote. */
    public record Match(ResolvedAnchor.Field field, int start, int end) {
    }

    /**
     * Occurrences of the quote looked at per field: a short quote (one letter, a space) in a long description could
     * otherwise make every read of a measure's comments scan it thousands of times per comment.
     */
    static final int MAX_CANDIDATES = 200;

    /** Characters of prefix and suffix compared: the context that disambiguates, not the whole text around it. */
    static final int MAX_CONTEXT = 64;

    private AnchorResolver() {
    }

    /** Where the quote is in {@code text}, if it is there. */
    public static Optional<Match> locate(MeasureText text, String exact, String prefix, String suffix) {
        if (exact == null || exact.isEmpty()) {
            return Optional.empty();
        }
        Match best = null;
        int bestScore = -1;
        for (ResolvedAnchor.Field field : ResolvedAnchor.Field.values()) {
            String source = field == ResolvedAnchor.Field.DESCRIPTION ? text.description() : text.title();
            if (source == null) {
                continue;
            }
            int seen = 0;
            for (int at = source.indexOf(exact); at >= 0 && seen < MAX_CANDIDATES; at = source.indexOf(exact, at + 1)) {
                seen++;
                int score = commonSuffix(source, at, prefix) + commonPrefix(source, at + exact.length(), suffix);
                if (score > bestScore) {
                    bestScore = score;
                    best = new Match(field, at, at + exact.length());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The anchor against the latest published text of its measure (null when the latest version has no such measure). */
    public static ResolvedAnchor resolve(AnchorSelector anchor, MeasureText latest) {
        if (latest == null) {
            return ResolvedAnchor.earlier(anchor.version());
        }
        return locate(latest, anchor.exact(), anchor.prefix(), anchor.suffix())
                .map(m -> new ResolvedAnchor(ResolvedAnchor.Status.CURRENT, latest.version(), m.field(), m.start(),
                        m.end()))
                .orElseGet(() -> ResolvedAnchor.earlier(anchor.version()));
    }

    /** How many characters of {@code source} ending at {@code end} equal those at the end of {@code prefix}. */
    static int commonSuffix(String source, int end, String prefix) {
        if (prefix == null) {
            return 0;
        }
        int n = 0;
        while (n < end && n < prefix.length() && n < MAX_CONTEXT
                && source.charAt(end - 1 - n) == prefix.charAt(prefix.length() - 1 - n)) {
            n++;
        }
        return n;
    }

    /** How many characters of {@code source} from {@code start} equal those at the start of {@code suffix}. */
    static int commonPrefix(String source, int start, String suffix) {
        if (suffix == null) {
            return 0;
        }
        int n = 0;
        while (start + n < source.length() && n < suffix.length() && n < MAX_CONTEXT
                && source.charAt(start + n) == suffix.charAt(n)) {
            n++;
        }
        return n;
    }
}
