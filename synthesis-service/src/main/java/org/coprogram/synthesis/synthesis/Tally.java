package org.coprogram.synthesis.synthesis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Adds contribution counts up per key, split by kind, into {@link SynthesisView.Breakdown} rows. */
final class Tally {

    private final Map<String, long[]> byKey = new LinkedHashMap<>();

    /**
     * Columns: contributions, proposals, supports, survey responses, meeting contributions, social-report items,
     * comments (imported with their proposals, docs/decidim.md).
     */
    void add(String key, String kind, long count, long supports) {
        long[] row = byKey.computeIfAbsent(key == null ? "" : key, k -> new long[7]);
        row[0] += count;
        switch (kind) {
            case "SURVEY_RESPONSE" -> row[3] += count;
            case "MEETING_CONTRIBUTION" -> row[4] += count;
            case "SOCIAL_REPORT" -> row[5] += count;
            case "COMMENT" -> row[6] += count;
            default -> {
                row[1] += count;
                row[2] += supports;
            }
        }
    }

    long[] get(String key) {
        return byKey.getOrDefault(key, new long[7]);
    }

    /** One row per key of {@code keys} (in that order, zero where nothing was said), then any other key seen. */
    List<SynthesisView.Breakdown> rows(List<String> keys, Function<String, String> label,
            Function<String, Long> participants) {
        Map<String, long[]> ordered = new LinkedHashMap<>();
        keys.forEach(key -> ordered.put(key, get(key)));
        byKey.forEach(ordered::putIfAbsent);
        return ordered.entrySet().stream().map(e -> {
            long[] r = e.getValue();
            return new SynthesisView.Breakdown(e.getKey(), label.apply(e.getKey()), r[0], r[1], r[2], r[3], r[4], r[5],
                    participants.apply(e.getKey()), r[6]);
        }).toList();
    }
}
