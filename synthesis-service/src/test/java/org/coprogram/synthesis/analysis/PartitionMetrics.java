package org.coprogram.synthesis.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Agreement of a clustering with human categories, as scikit-learn computes them: normalised mutual information
 * (arithmetic-mean normalisation), adjusted Rand index, purity (share of texts in their cluster's majority category).
 */
final class PartitionMetrics {

    private PartitionMetrics() {
    }

    static double nmi(List<String> truth, List<String> predicted) {
        Map<String, Map<String, Integer>> table = table(truth, predicted);
        Map<String, Integer> rows = marginal(truth);
        Map<String, Integer> cols = marginal(predicted);
        double n = truth.size();
        double mutual = 0;
        for (var row : table.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                double nij = cell.getValue();
                mutual += nij / n * Math.log(n * nij / ((double) rows.get(row.getKey()) * cols.get(cell.getKey())));
            }
        }
        double hTruth = entropy(rows, n);
        double hPredicted = entropy(cols, n);
        if (hTruth == 0 && hPredicted == 0) {
            return 1;
        }
        double mean = (hTruth + hPredicted) / 2;
        return mean == 0 ? 0 : Math.max(0, mutual / mean);
    }

    static double ari(List<String> truth, List<String> predicted) {
        Map<String, Map<String, Integer>> table = table(truth, predicted);
        double index = 0;
        for (Map<String, Integer> row : table.values()) {
            for (int nij : row.values()) {
                index += pairs(nij);
            }
        }
        double a = marginal(truth).values().stream().mapToDouble(PartitionMetrics::pairs).sum();
        double b = marginal(predicted).values().stream().mapToDouble(PartitionMetrics::pairs).sum();
        double total = pairs(truth.size());
        double expected = a * b / total;
        double max = (a + b) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    static double purity(List<String> truth, List<String> predicted) {
        Map<String, Map<String, Integer>> byCluster = table(predicted, truth);
        double majority = byCluster.values().stream()
                .mapToInt(row -> row.values().stream().mapToInt(Integer::intValue).max().orElse(0)).sum();
        return majority / truth.size();
    }

    private static double pairs(int n) {
        return n * (n - 1) / 2.0;
    }

    private static Map<String, Map<String, Integer>> table(List<String> a, List<String> b) {
        Map<String, Map<String, Integer>> table = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            table.computeIfAbsent(a.get(i), k -> new HashMap<>()).merge(b.get(i), 1, Integer::sum);
        }
        return table;
    }

    private static Map<String, Integer> marginal(List<String> labels) {
        Map<String, Integer> counts = new HashMap<>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        return counts;
    }

    private static double entropy(Map<String, Integer> counts, double n) {
        double h = 0;
        for (int c : counts.values()) {
            h -= c / n * Math.log(c / n);
        }
        return h;
    }
}
