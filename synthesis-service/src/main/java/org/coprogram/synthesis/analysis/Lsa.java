package org.coprogram.synthesis.analysis;

import java.util.List;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Latent semantic analysis: the truncated SVD of the sparse TF-IDF matrix (documents × terms), computed with a
 * randomized range finder (Halko, Martinsson, Tropp 2011): a Gaussian test matrix from a fixed seed, two power
 * iterations re-orthonormalised by QR, then the exact SVD of the small projected matrix (EJML). A document's LSA
 * vector is its TF-IDF vector times the right singular vectors (as scikit-learn's {@code TruncatedSVD.transform}),
 * scaled to unit length by {@link #unit}; a new document is projected on the same basis, so it can be placed among
 * clusters found earlier without computing them again.
 */
final class Lsa {

    private static final int OVERSAMPLING = 10;
    private static final int POWER_ITERATIONS = 2;
    private static final int SMALL = 500;

    /** Right singular vectors, one row per term: {@code basis[term][component]}. */
    private final float[][] basis;
    private final double[] singularValues;

    private Lsa(float[][] basis, double[] singularValues) {
        this.basis = basis;
        this.singularValues = singularValues;
    }

    /**
     * The rank-{@code rank} LSA of {@code rows} (at most min(rows, terms) components), computed over the terms the
     * rows use (a theme uses a fraction of the plan's vocabulary); other terms have no weight on any component.
     */
    static Lsa fit(List<SparseVector> rows, int dimensions, int rank, long seed) {
        int[] local = new int[dimensions];
        java.util.Arrays.fill(local, -1);
        int used = 0;
        boolean[] seen = new boolean[dimensions];
        for (SparseVector v : rows) {
            for (int t : v.terms()) {
                seen[t] = true;
            }
        }
        int[] global = new int[dimensions];
        for (int t = 0; t < dimensions; t++) {
            if (seen[t]) {
                local[t] = used;
                global[used++] = t;
            }
        }
        List<SparseVector> localRows = new java.util.ArrayList<>(rows.size());
        for (SparseVector v : rows) {
            int[] terms = new int[v.terms().length];
            for (int i = 0; i < terms.length; i++) {
                terms[i] = local[v.terms()[i]];
            }
            localRows.add(new SparseVector(terms, v.weights()));
        }
        int n = rows.size();
        int l = Math.min(Math.min(rank + OVERSAMPLING, n), used);
        int r = Math.min(rank, l);
        float[][] basis = new float[dimensions][];
        if (l == 0) {
            return new Lsa(basis, new double[0]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj omega = new DMatrixRMaj(used, l);
        for (int i = 0; i < omega.data.length; i++) {
            omega.data[i] = random.nextGaussian();
        }
        DMatrixRMaj q = orthonormal(times(localRows, omega, n));
        for (int p = 0; p < POWER_ITERATIONS; p++) {
            q = orthonormal(times(localRows, orthonormal(transposeTimes(localRows, q, used)), n));
        }
        // B = Qᵀ A is l × terms; its right singular vectors are the left ones of Bᵀ = Aᵀ Q (terms × l).
        DMatrixRMaj bt = transposeTimes(localRows, q, used);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(bt.numRows, bt.numCols, true,
                false, true);
        if (!svd.decompose(bt)) {
            throw new IllegalStateException("SVD of the projected TF-IDF matrix did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(u, false, w, null, false);
        double[] values = new double[r];
        for (int t = 0; t < used; t++) {
            basis[global[t]] = new float[r];
        }
        for (int c = 0; c < r; c++) {
            values[c] = w.get(c, c);
            // Sign convention: the largest entry of each component is positive, so runs agree on the sign.
            int largest = 0;
            for (int t = 1; t < used; t++) {
                if (Math.abs(u.get(t, c)) > Math.abs(u.get(largest, c)) + 1e-12) {
                    largest = t;
                }
            }
            double sign = u.get(largest, c) < 0 ? -1 : 1;
            for (int t = 0; t < used; t++) {
                basis[global[t]][c] = (float) (sign * u.get(t, c));
            }
        }
        return new Lsa(basis, values);
    }

    int rank() {
        return singularValues.length;
    }

    double[] singularValues() {
        return singularValues.clone();
    }

    /** The document's coordinates on the components (TF-IDF vector times the right singular vectors). */
    double[] project(SparseVector v) {
        double[] z = new double[rank()];
        int[] terms = v.terms();
        float[] weights = v.weights();
        for (int i = 0; i < terms.length; i++) {
            float[] row = basis[terms[i]];
            if (row == null) {
                continue;
            }
            for (int c = 0; c < z.length; c++) {
                z[c] += weights[i] * row[c];
            }
        }
        return z;
    }

    /** The projection scaled to unit length, as a dense vector in {@link SparseVector} form (all components). */
    SparseVector unit(SparseVector v) {
        double[] z = project(v);
        double norm = 0;
        for (double x : z) {
            norm += x * x;
        }
        int[] components = new int[z.length];
        float[] weights = new float[z.length];
        double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int c = 0; c < z.length; c++) {
            components[c] = c;
            weights[c] = (float) (z[c] * scale);
        }
        return new SparseVector(components, weights);
    }

    /** Rows times a dense matrix: n × cols. */
    private static DMatrixRMaj times(List<SparseVector> rows, DMatrixRMaj dense, int n) {
        int cols = dense.numCols;
        DMatrixRMaj out = new DMatrixRMaj(n, cols);
        for (int i = 0; i < n; i++) {
            SparseVector v = rows.get(i);
            int base = i * cols;
            for (int k = 0; k < v.terms().length; k++) {
                double weight = v.weights()[k];
                int from = v.terms()[k] * cols;
                for (int c = 0; c < cols; c++) {
                    out.data[base + c] += weight * dense.data[from + c];
                }
            }
        }
        return out;
    }

    /** Rowsᵀ times a dense n × cols matrix: terms × cols. */
    private static DMatrixRMaj transposeTimes(List<SparseVector> rows, DMatrixRMaj dense, int dimensions) {
        int cols = dense.numCols;
        DMatrixRMaj out = new DMatrixRMaj(dimensions, cols);
        for (int i = 0; i < rows.size(); i++) {
            SparseVector v = rows.get(i);
            int from = i * cols;
            for (int k = 0; k < v.terms().length; k++) {
                double weight = v.weights()[k];
                int base = v.terms()[k] * cols;
                for (int c = 0; c < cols; c++) {
                    out.data[base + c] += weight * dense.data[from + c];
                }
            }
        }
        return out;
    }

    private static DMatrixRMaj orthonormal(DMatrixRMaj m) {
        // EJML's Householder QR rebuilds Q slowly for tall matrices (thousands of rows); modified Gram-Schmidt over
        // contiguous columns gives the same orthonormal basis for these well-conditioned random samples, faster.
        if (m.numRows <= SMALL) {
            QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m.numRows, m.numCols);
            if (qr.decompose(m.copy())) {
                return qr.getQ(null, true);
            }
        }
        return gramSchmidt(m);
    }

    /**
     * Modified Gram-Schmidt, for a rank-deficient sample (Householder QR refuses a zero column): a column that
     * depends on the earlier ones becomes zero, and so does its component.
     */
    static DMatrixRMaj gramSchmidt(DMatrixRMaj m) {
        int rows = m.numRows;
        int cols = m.numCols;
        double[][] q = new double[cols][rows];
        double[] original = new double[cols];
        // Four columns at a time against each finished column: the four dot products run as four independent sums in
        // one pass (a single sum waits on its previous addition). Each column still meets the finished columns in the
        // same order with the same arithmetic, so the basis is exactly that of one column at a time.
        for (int from = 0; from < cols; from += 4) {
            int to = Math.min(cols, from + 4);
            for (int c = from; c < to; c++) {
                for (int r = 0; r < rows; r++) {
                    q[c][r] = m.get(r, c);
                    original[c] += q[c][r] * q[c][r];
                }
            }
            for (int p = 0; p < from; p++) {
                double[] done = q[p];
                if (to - from == 4) {
                    double[] q0 = q[from];
                    double[] q1 = q[from + 1];
                    double[] q2 = q[from + 2];
                    double[] q3 = q[from + 3];
                    double d0 = 0;
                    double d1 = 0;
                    double d2 = 0;
                    double d3 = 0;
                    for (int r = 0; r < rows; r++) {
                        double x = done[r];
                        d0 += x * q0[r];
                        d1 += x * q1[r];
                        d2 += x * q2[r];
                        d3 += x * q3[r];
                    }
                    for (int r = 0; r < rows; r++) {
                        double x = done[r];
                        q0[r] -= d0 * x;
                        q1[r] -= d1 * x;
                        q2[r] -= d2 * x;
                        q3[r] -= d3 * x;
                    }
                } else {
                    for (int c = from; c < to; c++) {
                        subtract(done, q[c]);
                    }
                }
            }
            for (int c = from; c < to; c++) {
                for (int p = from; p < c; p++) {
                    subtract(q[p], q[c]);
                }
                double norm = 0;
                for (int r = 0; r < rows; r++) {
                    norm += q[c][r] * q[c][r];
                }
                double scale = norm > 1e-20 * Math.max(original[c], 1e-300) && norm > 0 ? 1 / Math.sqrt(norm) : 0;
                for (int r = 0; r < rows; r++) {
                    q[c][r] *= scale;
                }
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out.set(r, c, q[c][r]);
            }
        }
        return out;
    }

    /** {@code column} minus its projection on the unit column {@code done}. */
    private static void subtract(double[] done, double[] column) {
        double dot = 0;
        for (int r = 0; r < done.length; r++) {
            dot += done[r] * column[r];
        }
        for (int r = 0; r < done.length; r++) {
            column[r] -= dot * done[r];
        }
    }

    /** Exact singular values of a small dense matrix, for tests and checks. */
    static double[] exactSingularValues(double[][] matrix) {
        DMatrixRMaj m = new DMatrixRMaj(matrix);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false,
                false, true);
        svd.decompose(m.copy());
        double[] values = svd.getSingularValues().clone();
        java.util.Arrays.sort(values);
        double[] descending = new double[Math.min(m.numRows, m.numCols)];
        for (int i = 0; i < descending.length; i++) {
            descending[i] = values[values.length - 1 - i];
        }
        return descending;
    }
}
