package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LsaTest {

    private static SparseVector row(float... weights) {
        List<Integer> terms = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (int t = 0; t < weights.length; t++) {
            if (weights[t] != 0) {
                terms.add(t);
                values.add(weights[t]);
            }
        }
        float[] w = new float[values.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = values.get(i);
        }
        return new SparseVector(terms.stream().mapToInt(Integer::intValue).toArray(), w);
    }

    @Test
    void aDiagonalMatrixHasItsDiagonalAsSingularValuesAndTheTermsAsComponents() {
        List<SparseVector> rows = List.of(row(0, 2, 0, 0), row(3, 0, 0, 0), row(0, 0, 1, 0));

        Lsa lsa = Lsa.fit(rows, 4, 2, 1);

        assertThat(lsa.singularValues()).containsExactly(new double[]{3, 2}, Offset.offset(1e-6));
        assertThat(lsa.project(row(0, 2, 0, 0))).containsExactly(new double[]{0, 2}, Offset.offset(1e-6));
        assertThat(lsa.project(row(3, 0, 0, 0))).containsExactly(new double[]{3, 0}, Offset.offset(1e-6));
        assertThat(lsa.project(row(0, 0, 1, 0))).containsExactly(new double[]{0, 0}, Offset.offset(1e-6));
    }

    @Test
    void theRandomizedSvdFindsTheExactSingularValuesOfASmallMatrix() {
        Random random = new Random(3);
        int n = 30;
        int d = 12;
        double[][] dense = new double[n][d];
        List<SparseVector> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] w = new float[d];
            for (int t = 0; t < d; t++) {
                w[t] = random.nextInt(3) == 0 ? (float) random.nextDouble() : 0;
                dense[i][t] = w[t];
            }
            rows.add(row(w));
        }

        Lsa lsa = Lsa.fit(rows, d, 5, 7);

        double[] exact = Lsa.exactSingularValues(dense);
        assertThat(lsa.singularValues()).containsExactly(java.util.Arrays.copyOf(exact, 5), Offset.offset(1e-4));
    }

    @Test
    void theUnitProjectionHasLengthOneAndTheSameDirection() {
        List<SparseVector> rows = List.of(row(1, 1, 0), row(0, 1, 1), row(1, 0, 1), row(2, 1, 0));
        Lsa lsa = Lsa.fit(rows, 3, 2, 1);

        SparseVector unit = lsa.unit(row(1, 1, 0));
        double[] raw = lsa.project(row(1, 1, 0));

        double norm = 0;
        for (float w : unit.weights()) {
            norm += w * w;
        }
        assertThat(norm).isCloseTo(1, Offset.offset(1e-5));
        assertThat(unit.weights()[0] * raw[1]).isCloseTo(unit.weights()[1] * raw[0], Offset.offset(1e-5));
    }

    @Test
    void gramSchmidtGivesOrthonormalColumnsAndZeroForADependentOne() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][]{{1, 2, 1}, {0, 0, 1}, {1, 2, 0}, {0, 0, 1}});

        DMatrixRMaj q = Lsa.gramSchmidt(m);

        double[] column1 = {q.get(0, 1), q.get(1, 1), q.get(2, 1), q.get(3, 1)};
        assertThat(column1).containsOnly(0.0);
        double dot = 0;
        double n0 = 0;
        double n2 = 0;
        for (int r = 0; r < 4; r++) {
            dot += q.get(r, 0) * q.get(r, 2);
            n0 += q.get(r, 0) * q.get(r, 0);
            n2 += q.get(r, 2) * q.get(r, 2);
        }
        assertThat(dot).isCloseTo(0, Offset.offset(1e-9));
        assertThat(n0).isCloseTo(1, Offset.offset(1e-9));
        assertThat(n2).isCloseTo(1, Offset.offset(1e-9));
    }

    @Test
    void gramSchmidtFourColumnsAtATimeGivesExactlyTheBasisOfOneColumnAtATime() {
        Random random = new Random(5);
        DMatrixRMaj m = new DMatrixRMaj(60, 11);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian();
        }

        DMatrixRMaj q = Lsa.gramSchmidt(m);

        double[][] expected = new double[11][60];
        for (int c = 0; c < 11; c++) {
            double original = 0;
            for (int r = 0; r < 60; r++) {
                expected[c][r] = m.get(r, c);
                original += expected[c][r] * expected[c][r];
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int r = 0; r < 60; r++) {
                    dot += expected[p][r] * expected[c][r];
                }
                for (int r = 0; r < 60; r++) {
                    expected[c][r] -= dot * expected[p][r];
                }
            }
            double norm = 0;
            for (int r = 0; r < 60; r++) {
                norm += expected[c][r] * expected[c][r];
            }
            double scale = norm > 1e-20 * original ? 1 / Math.sqrt(norm) : 0;
            for (int r = 0; r < 60; r++) {
                expected[c][r] *= scale;
                assertThat(q.get(r, c)).isEqualTo(expected[c][r]);
            }
        }
    }
}
