package org.coprogram.synthesis.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups of near-identical texts (copy-and-paste campaigns, the same proposal sent twice): MinHash signatures over
 * each text's set of terms, banded so that only texts sharing a band are compared, then confirmed by the exact Jaccard
 * similarity of their term sets.
 */
final class NearDuplicates {

    static final double THRESHOLD = 0.8;
    private static final int MIN_TERMS = 5;
    private static final int BANDS = 16;
    private static final int ROWS = 4;
    /** How many earlier members of a bucket a text is compared with; bounds the work when thousands are identical. */
    private static final int COMPARISONS_PER_BUCKET = 8;

    private NearDuplicates() {
    }

    /** Groups of at least two indexes into {@code termSets}, each sorted, the groups in order of their first member. */
    static List<List<Integer>> groups(List<int[]> termSets) {
        int[] parent = new int[termSets.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        // The band keys of every text first, in parallel (the costly part: BANDS x ROWS min-hashes per text); then
        // the buckets in text order, as before, so the groups do not depend on the scheduling.
        long[][] keys = java.util.stream.IntStream.range(0, termSets.size()).parallel().mapToObj(i -> {
            int[] terms = termSets.get(i);
            if (terms.length < MIN_TERMS) {
                return null;
            }
            long[] bandKeys = new long[BANDS];
            for (int band = 0; band < BANDS; band++) {
                bandKeys[band] = bandKey(terms, band);
            }
            return bandKeys;
        }).toArray(long[][]::new);
        // Each band on its own (in parallel): a text is compared with the last few earlier texts of its bucket, a pair
        // already joined in this band is not compared again. The groups are the connected pairs of all bands, so
        // joining the bands' pairs afterwards gives the same groups as joining them band after band.
        List<int[]> joined = java.util.stream.IntStream.range(0, BANDS).parallel()
                .mapToObj(band -> joinedIn(band, termSets, keys)).toList();
        for (int[] pairs : joined) {
            for (int p = 0; p < pairs.length; p += 2) {
                union(parent, pairs[p], pairs[p + 1]);
            }
        }
        Map<Integer, List<Integer>> byRoot = new TreeMap<>();
        for (int i = 0; i < parent.length; i++) {
            byRoot.computeIfAbsent(find(parent, i), root -> new ArrayList<>()).add(i);
        }
        return byRoot.values().stream().filter(group -> group.size() > 1)
                .sorted((a, b) -> Integer.compare(a.get(0), b.get(0))).toList();
    }

    /** The pairs (flat: a, b, a, b, ...) a band joins. */
    private static int[] joinedIn(int band, List<int[]> termSets, long[][] keys) {
        int[] local = new int[termSets.size()];
        for (int i = 0; i < local.length; i++) {
            local[i] = i;
        }
        Map<Long, List<Integer>> buckets = new HashMap<>();
        int[] pairs = new int[16];
        int count = 0;
        for (int i = 0; i < termSets.size(); i++) {
            if (keys[i] == null) {
                continue;
            }
            int[] terms = termSets.get(i);
            List<Integer> bucket = buckets.computeIfAbsent(keys[i][band], key -> new ArrayList<>());
            for (int j = Math.max(0, bucket.size() - COMPARISONS_PER_BUCKET); j < bucket.size(); j++) {
                int other = bucket.get(j);
                if (!mayReach(terms.length, termSets.get(other).length)) {
                    continue;
                }
                if (find(local, other) != find(local, i) && jaccard(terms, termSets.get(other)) >= THRESHOLD) {
                    union(local, other, i);
                    if (count + 2 > pairs.length) {
                        pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
                    }
                    pairs[count++] = other;
                    pairs[count++] = i;
                }
            }
            bucket.add(i);
        }
        return java.util.Arrays.copyOf(pairs, count);
    }

    private static long bandKey(int[] terms, int band) {
        long key = band;
        for (int row = 0; row < ROWS; row++) {
            key = key * 1_000_003L + minHash(terms, band * ROWS + row);
        }
        return key;
    }

    private static int minHash(int[] terms, int function) {
        int min = Integer.MAX_VALUE;
        for (int term : terms) {
            min = Math.min(min, mix(term, function));
        }
        return min;
    }

    /** A fixed family of hash functions (the murmur3 finaliser over term and function number). */
    private static int mix(int term, int function) {
        int h = term * 0x9E3779B1 + function * 0x85EBCA77;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h & Integer.MAX_VALUE;
    }

    /**
     * Whether sets of these sizes can be {@value #THRESHOLD} alike: their Jaccard similarity is at most the smaller
     * size over the larger (4/5 exactly as integers, so nothing that reaches it is left out).
     */
    static boolean mayReach(int a, int b) {
        return 5L * Math.min(a, b) >= 4L * Math.max(a, b);
    }

    static double jaccard(int[] a, int[] b) {
        int shared = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) shared / (a.length + b.length - shared);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    }
}
