package org.coprogram.synthesis.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evidence accumulation (Fred and Jain 2005): many spherical k-means runs with different k and seeds vote on which
 * texts belong together; average linkage on the share of runs that put two texts in one cluster, cut where a majority
 * of runs agree. The number of topics follows from the data (no k to guess), and the vote evens out the luck of any
 * single k-means run.
 */
final class Consensus {

    private Consensus() {
    }

    /**
     * Groups of {@code points} (unit vectors) that at least {@code 1 - cut} of the runs keep together on average, the
     * largest first, each at least {@code minSize}; texts in smaller groups are left out (the caller places them).
     */
    static List<List<Integer>> groups(List<SparseVector> points, int dimensions, int kLow, int kHigh, int runs,
            double cut, int minSize) {
        int n = points.size();
        float[][] together = new float[n][n];
        DenseKMeans kmeans = new DenseKMeans(points, dimensions);
        // Independent runs in parallel, counted in run order: the same votes whatever the scheduling.
        int[][] votes = java.util.stream.IntStream.range(0, runs).parallel()
                .mapToObj(run -> kmeans.run(Math.min(n, kLow + run % (kHigh - kLow + 1)), 1000L + run))
                .toArray(int[][]::new);
        // Per run, only the pairs inside each cluster (about n²/k of them, not n²): whole counts, so the order of the
        // additions changes nothing.
        int[] members = new int[n];
        for (int[] assignment : votes) {
            int k = 0;
            for (int a : assignment) {
                k = Math.max(k, a + 1);
            }
            int[] start = new int[k + 1];
            for (int a : assignment) {
                start[a + 1]++;
            }
            for (int c = 0; c < k; c++) {
                start[c + 1] += start[c];
            }
            int[] next = Arrays.copyOf(start, k);
            for (int i = 0; i < n; i++) {
                members[next[assignment[i]]++] = i;
            }
            for (int c = 0; c < k; c++) {
                for (int a = start[c]; a < start[c + 1]; a++) {
                    float[] row = together[members[a]];
                    for (int b = start[c]; b < start[c + 1]; b++) {
                        row[members[b]] += 1;
                    }
                }
            }
        }
        double[][] distance = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                distance[i][j] = 1 - together[i][j] / runs;
            }
        }
        int[] parent = averageLinkage(distance, cut);
        List<List<Integer>> groups = new ArrayList<>();
        List<Integer>[] byRoot = new List[n];
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (byRoot[root] == null) {
                byRoot[root] = new ArrayList<>();
                groups.add(byRoot[root]);
            }
            byRoot[root].add(i);
        }
        return groups.stream().filter(g -> g.size() >= minSize)
                .sorted((a, b) -> a.size() != b.size() ? b.size() - a.size() : a.get(0) - b.get(0)).toList();
    }

    /**
     * Average linkage by the nearest-neighbour chain (O(n²)), the dendrogram cut at {@code cut}: union-find parents of
     * the resulting groups. {@code distance} is overwritten.
     */
    static int[] averageLinkage(double[][] distance, double cut) {
        int n = distance.length;
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        int[] size = new int[n];
        Arrays.fill(size, 1);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int[] mergedA = new int[n];
        int[] mergedB = new int[n];
        double[] height = new double[n];
        int merges = 0;
        int[] chain = new int[n];
        int length = 0;
        int remaining = n;
        int next = 0;
        while (remaining > 1) {
            if (length == 0) {
                while (!active[next]) {
                    next++;
                }
                chain[length++] = next;
            }
            int a = chain[length - 1];
            int previous = length >= 2 ? chain[length - 2] : -1;
            int b = previous;
            double best = previous >= 0 ? distance[a][previous] : Double.MAX_VALUE;
            for (int c = 0; c < n; c++) {
                if (active[c] && c != a && distance[a][c] < best) {
                    best = distance[a][c];
                    b = c;
                }
            }
            if (b == previous) {
                length -= 2;
                mergedA[merges] = a;
                mergedB[merges] = b;
                height[merges++] = best;
                int keep = Math.min(a, b);
                int drop = Math.max(a, b);
                for (int c = 0; c < n; c++) {
                    if (active[c] && c != a && c != b) {
                        double merged = (size[a] * distance[a][c] + size[b] * distance[b][c]) / (size[a] + size[b]);
                        distance[keep][c] = merged;
                        distance[c][keep] = merged;
                    }
                }
                size[keep] = size[a] + size[b];
                active[drop] = false;
                remaining--;
            } else {
                chain[length++] = b;
            }
        }
        // Average linkage is monotone, so the merges below the cut are exactly the groups of the dendrogram cut there.
        for (int m = 0; m < merges; m++) {
            if (height[m] < cut) {
                int ra = find(parent, mergedA[m]);
                int rb = find(parent, mergedB[m]);
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
        return parent;
    }

    static int find(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }
}
