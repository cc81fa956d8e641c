package org.coprogram.synthesis.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF over the analyzer's Italian terms: sublinear term frequency (1 + ln tf), smoothed inverse document frequency
 * (ln((1 + N) / (1 + df)) + 1), unit length. Terms found in one contribution only, or in more than half of them, say
 * nothing about how contributions group and are left out. Term ids follow alphabetical order, so the vectors do not
 * depend on the order contributions arrive in.
 */
final class TermVectors {

    private final String[] vocabulary;
    private final List<SparseVector> vectors;
    private final Map<String, Integer> ids;
    private final float[] idf;

    private TermVectors(String[] vocabulary, List<SparseVector> vectors, Map<String, Integer> ids, float[] idf) {
        this.vocabulary = vocabulary;
        this.vectors = vectors;
        this.ids = ids;
        this.idf = idf;
    }

    static TermVectors of(List<List<String>> documents) {
        int n = documents.size();
        // Each document alone (in parallel), the document frequencies as whole counts: the same in any order.
        List<Map<String, Integer>> counts = documents.parallelStream().map(TermVectors::frequencies).toList();
        Map<String, Integer> documentFrequency = counts.parallelStream().collect(HashMap::new,
                (df, tf) -> tf.keySet().forEach(term -> df.merge(term, 1, Integer::sum)),
                (a, b) -> b.forEach((term, count) -> a.merge(term, count, Integer::sum)));
        int minDf = n >= 10 ? 2 : 1;
        int maxDf = n >= 20 ? n / 2 : n;
        String[] vocabulary = documentFrequency.entrySet().stream()
                .filter(e -> e.getValue() >= minDf && e.getValue() <= maxDf).map(Map.Entry::getKey).sorted()
                .toArray(String[]::new);
        Map<String, Integer> ids = new HashMap<>();
        float[] idf = new float[vocabulary.length];
        for (int id = 0; id < vocabulary.length; id++) {
            ids.put(vocabulary[id], id);
            idf[id] = (float) (Math.log((1.0 + n) / (1.0 + documentFrequency.get(vocabulary[id]))) + 1.0);
        }
        List<SparseVector> vectors = counts.parallelStream().map(tf -> vector(tf, ids, idf)).toList();
        return new TermVectors(vocabulary, vectors, ids, idf);
    }

    private static Map<String, Integer> frequencies(List<String> terms) {
        Map<String, Integer> tf = new HashMap<>();
        terms.forEach(term -> tf.merge(term, 1, Integer::sum));
        return tf;
    }

    private static SparseVector vector(Map<String, Integer> tf, Map<String, Integer> ids, float[] idf) {
        // (term id, count) pairs packed in longs, sorted by term id.
        long[] pairs = new long[tf.size()];
        int known = 0;
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            Integer id = ids.get(e.getKey());
            if (id != null) {
                pairs[known++] = ((long) id << 32) | e.getValue();
            }
        }
        Arrays.sort(pairs, 0, known);
        int[] terms = new int[known];
        float[] weights = new float[known];
        double norm = 0;
        for (int i = 0; i < known; i++) {
            terms[i] = (int) (pairs[i] >>> 32);
            weights[i] = (float) ((1.0 + Math.log((int) pairs[i])) * idf[terms[i]]);
            norm += weights[i] * weights[i];
        }
        float scale = norm == 0 ? 0 : (float) (1.0 / Math.sqrt(norm));
        for (int i = 0; i < weights.length; i++) {
            weights[i] *= scale;
        }
        return new SparseVector(terms, weights);
    }

    /** The same vocabulary and idf with the vectors of some of the documents, in the given order. */
    TermVectors rows(List<Integer> indexes) {
        return new TermVectors(vocabulary, indexes.stream().map(vectors::get).toList(), ids, idf);
    }

    /** The vector of a text that was not among the documents, with their vocabulary and idf (unknown terms drop). */
    SparseVector vector(List<String> terms) {
        return vector(frequencies(terms), ids, idf);
    }

    List<SparseVector> vectors() {
        return vectors;
    }

    int size() {
        return vocabulary.length;
    }

    String term(int id) {
        return vocabulary[id];
    }

    /** Term ids by descending weight in {@code dense} (ties by term), the first {@code limit} with positive weight. */
    int[] top(float[] dense, int limit) {
        // A bounded heap, weakest on top: one pass over the vocabulary, no sort of all of it.
        java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(limit + 1,
                (a, b) -> dense[a] != dense[b] ? Float.compare(dense[a], dense[b]) : b - a);
        for (int id = 0; id < dense.length; id++) {
            if (dense[id] > 0 && (heap.size() < limit || dense[id] > dense[heap.peek()])) {
                heap.add(id);
                if (heap.size() > limit) {
                    heap.poll();
                }
            }
        }
        Integer[] ids = heap.toArray(Integer[]::new);
        Arrays.sort(ids, (a, b) -> dense[a] != dense[b] ? Float.compare(dense[b], dense[a]) : a - b);
        return Arrays.stream(ids).mapToInt(Integer::intValue).toArray();
    }
}
