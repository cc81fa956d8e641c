package org.coprogram.synthesis.analysis;

/** A unit-length TF-IDF vector: term ids in ascending order with their weights. */
record SparseVector(int[] terms, float[] weights) {

    boolean isEmpty() {
        return terms.length == 0;
    }

    /** Dot product with a dense vector indexed by term id. */
    double dot(float[] dense) {
        double sum = 0;
        for (int i = 0; i < terms.length; i++) {
            sum += weights[i] * dense[terms[i]];
        }
        return sum;
    }

    /** Dot product with another sparse vector; both are sorted, so one merge pass. */
    double dot(SparseVector other) {
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < terms.length && j < other.terms.length) {
            if (terms[i] == other.terms[j]) {
                sum += weights[i++] * other.weights[j++];
            } else if (terms[i] < other.terms[j]) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    void addTo(float[] dense) {
        for (int i = 0; i < terms.length; i++) {
            dense[terms[i]] += weights[i];
        }
    }
}
