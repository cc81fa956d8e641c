package org.coprogram.survey.results;

/**
 * The k-anonymity rule for one cell: published only if it counts no respondent or at least {@code k}, and if, for
 * each parent slice, the difference between the parent's cell and this one is also zero or at least {@code k} —
 * otherwise subtracting two published cells would reveal a group smaller than {@code k}.
 */
final class Disclosure {

    private final int k;

    Disclosure(int k) {
        this.k = k;
    }

    int threshold() {
        return k;
    }

    /** @param counts the cell in the requested slice first, then in each parent slice */
    boolean publishable(long[] counts) {
        if (small(counts[0])) {
            return false;
        }
        for (int i = 1; i < counts.length; i++) {
            if (small(counts[i] - counts[0])) {
                return false;
            }
        }
        return true;
    }

    private boolean small(long count) {
        return count > 0 && count < k;
    }
}
