package org.coprogram.synthesis.analysis;

/**
 * Dot products of dense float rows, the inner loop of every k-means here. A product is a float product added to a
 * double sum, components in ascending order: every similarity is computed that one way, so a value is the same
 * whichever method computes it. A single sum waits on its previous addition; {@link #pairs} runs four independent
 * sums in one pass, which keeps the core busy and gives each sum exactly the value it has alone.
 */
final class Dots {

    private Dots() {
    }

    /** {@code a[from..from+d) · b[at..at+d)}. */
    static double dot(float[] a, int from, float[] b, int at, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += a[from + j] * b[at + j];
        }
        return sum;
    }

    /**
     * For t below {@code count}: {@code into[t] = a[aFrom[t]..+d) · b[bFrom[t]..+d)}, four pairs per pass.
     */
    static void pairs(float[] a, int[] aFrom, float[] b, int[] bFrom, int count, int d, double[] into) {
        int t = 0;
        for (; t + 3 < count; t += 4) {
            int a0 = aFrom[t];
            int a1 = aFrom[t + 1];
            int a2 = aFrom[t + 2];
            int a3 = aFrom[t + 3];
            int b0 = bFrom[t];
            int b1 = bFrom[t + 1];
            int b2 = bFrom[t + 2];
            int b3 = bFrom[t + 3];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < d; j++) {
                s0 += a[a0 + j] * b[b0 + j];
                s1 += a[a1 + j] * b[b1 + j];
                s2 += a[a2 + j] * b[b2 + j];
                s3 += a[a3 + j] * b[b3 + j];
            }
            into[t] = s0;
            into[t + 1] = s1;
            into[t + 2] = s2;
            into[t + 3] = s3;
        }
        for (; t < count; t++) {
            into[t] = dot(a, aFrom[t], b, bFrom[t], d);
        }
    }
}
