package org.coprogram.synthesis.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a cluster's (or sub-topic's) record counts of its members, kept so the incremental analysis can add or take
 * one contribution without going over the others: member ids in ascending order, total supports, and how many
 * members per theme, province, district and comune. Immutable: {@link #with} and {@link #without} copy the id array
 * (one array copy, a few microseconds for thousands of members) and the small maps.
 */
record Tally(UUID[] ids, int supports, Map<String, Integer> themes, Map<String, Integer> provinces,
        Map<String, Integer> districts, Map<String, Integer> municipalities) {

    static final Tally EMPTY = new Tally(new UUID[0], 0, Map.of(), Map.of(), Map.of(), Map.of());

    static Tally of(Collection<TextContribution> members) {
        UUID[] ids = members.stream().map(TextContribution::id).sorted().toArray(UUID[]::new);
        Map<String, Integer> themes = new HashMap<>();
        Map<String, Integer> provinces = new HashMap<>();
        Map<String, Integer> districts = new HashMap<>();
        Map<String, Integer> municipalities = new HashMap<>();
        int supports = 0;
        for (TextContribution c : members) {
            supports += c.supports();
            add(themes, c.theme(), 1);
            add(provinces, c.province(), 1);
            add(districts, c.district(), 1);
            add(municipalities, c.municipality(), 1);
        }
        return new Tally(ids, supports, themes, provinces, districts, municipalities);
    }

    int size() {
        return ids.length;
    }

    boolean contains(UUID id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    /** The first {@code limit} member ids, ascending. */
    List<UUID> first(int limit) {
        return List.of(Arrays.copyOf(ids, Math.min(limit, ids.length)));
    }

    Tally with(TextContribution c) {
        int at = Arrays.binarySearch(ids, c.id());
        if (at >= 0) {
            return this;
        }
        int insert = -at - 1;
        UUID[] next = new UUID[ids.length + 1];
        System.arraycopy(ids, 0, next, 0, insert);
        next[insert] = c.id();
        System.arraycopy(ids, insert, next, insert + 1, ids.length - insert);
        return new Tally(next, supports + c.supports(), added(themes, c.theme(), 1), added(provinces, c.province(), 1),
                added(districts, c.district(), 1), added(municipalities, c.municipality(), 1));
    }

    /** Without {@code c}, counted as it was when it joined. */
    Tally without(TextContribution c) {
        int at = Arrays.binarySearch(ids, c.id());
        if (at < 0) {
            return this;
        }
        UUID[] next = new UUID[ids.length - 1];
        System.arraycopy(ids, 0, next, 0, at);
        System.arraycopy(ids, at + 1, next, at, ids.length - at - 1);
        return new Tally(next, supports - c.supports(), added(themes, c.theme(), -1),
                added(provinces, c.province(), -1), added(districts, c.district(), -1),
                added(municipalities, c.municipality(), -1));
    }

    /** Per key, the count, the largest first (then by key), as a cluster record lists them. */
    static List<TextAnalysis.Count> counts(Map<String, Integer> tally) {
        List<TextAnalysis.Count> counts = new ArrayList<>(tally.size());
        tally.forEach((key, count) -> counts.add(new TextAnalysis.Count(key, count)));
        counts.sort(java.util.Comparator.comparing(TextAnalysis.Count::count).reversed()
                .thenComparing(TextAnalysis.Count::code));
        return counts;
    }

    private static Map<String, Integer> added(Map<String, Integer> tally, String key, int delta) {
        if (key == null || key.isBlank()) {
            return tally;
        }
        Map<String, Integer> next = new HashMap<>(tally);
        add(next, key, delta);
        return next;
    }

    private static void add(Map<String, Integer> tally, String key, int delta) {
        if (key != null && !key.isBlank()) {
            tally.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }
}
