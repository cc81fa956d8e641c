package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays the public attacker over published figures: every figure is a linear equation over the counts of the kinds of
 * respondent that could exist, and any sum or difference of figures is a derivation. A set of kinds has a derivable
 * count exactly when its indicator vector lies in the span of the equations, that is, when it is orthogonal to every
 * vector of their null space. Arithmetic is modulo a large prime: the equations have small integer coefficients, so
 * the span is the same as over the rationals (short of a one-in-a-billion coincidence, which could only make the
 * attacker weaker on one set).
 */
final class LinearAttacker {

    static final long P = 2_147_483_647L;

    private final int variables;
    private final List<long[]> equations = new ArrayList<>();
    private long[][] nullSpace;
    private long[] probe;

    LinearAttacker(int variables) {
        this.variables = variables;
    }

    /** A published figure: the coefficient of each kind of respondent in it (its value is not needed). */
    void learn(long[] coefficients) {
        long[] row = new long[variables];
        for (int i = 0; i < variables; i++) {
            row[i] = Math.floorMod(coefficients[i], P);
        }
        equations.add(row);
        nullSpace = null;
    }

    int figures() {
        return equations.size();
    }

    /**
     * A random combination of the null space's vectors: a set whose members' entries do not sum to zero (modulo
     * {@link #P}) is not derivable, which is the first test {@link #derives} makes.
     */
    long[] probe() {
        nullSpace();
        return probe;
    }

    /** Whether the count of this set of kinds follows from the figures learnt. */
    boolean derives(boolean[] set) {
        long[][] basis = nullSpace();
        // A random combination of the null space first: orthogonal to it by chance with probability 1/P only.
        long quick = 0;
        for (int i = 0; i < variables; i++) {
            if (set[i]) {
                quick = (quick + probe[i]) % P;
            }
        }
        if (quick != 0) {
            return false;
        }
        for (long[] z : basis) {
            long dot = 0;
            for (int i = 0; i < variables; i++) {
                if (set[i]) {
                    dot = (dot + z[i]) % P;
                }
            }
            if (dot != 0) {
                return false;
            }
        }
        return true;
    }

    private long[][] nullSpace() {
        if (nullSpace != null) {
            return nullSpace;
        }
        long[][] m = equations.stream().map(long[]::clone).toArray(long[][]::new);
        int[] pivotOfColumn = new int[variables];
        java.util.Arrays.fill(pivotOfColumn, -1);
        int rank = 0;
        for (int col = 0; col < variables && rank < m.length; col++) {
            int pivot = -1;
            for (int r = rank; r < m.length; r++) {
                if (m[r][col] != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long[] swap = m[pivot];
            m[pivot] = m[rank];
            m[rank] = swap;
            long inverse = power(m[rank][col], P - 2);
            for (int c = 0; c < variables; c++) {
                m[rank][c] = m[rank][c] * inverse % P;
            }
            for (int r = 0; r < m.length; r++) {
                if (r != rank && m[r][col] != 0) {
                    long factor = m[r][col];
                    for (int c = 0; c < variables; c++) {
                        m[r][c] = Math.floorMod(m[r][c] - factor * m[rank][c] % P, P);
                    }
                }
            }
            pivotOfColumn[col] = rank;
            rank++;
        }
        List<long[]> basis = new ArrayList<>();
        for (int free = 0; free < variables; free++) {
            if (pivotOfColumn[free] >= 0) {
                continue;
            }
            long[] z = new long[variables];
            z[free] = 1;
            for (int col = 0; col < variables; col++) {
                if (pivotOfColumn[col] >= 0) {
                    z[col] = Math.floorMod(-m[pivotOfColumn[col]][free], P);
                }
            }
            basis.add(z);
        }
        nullSpace = basis.toArray(long[][]::new);
        java.util.Random random = new java.util.Random(7);
        probe = new long[variables];
        for (long[] z : nullSpace) {
            long alpha = 1 + random.nextInt(Integer.MAX_VALUE - 1);
            for (int i = 0; i < variables; i++) {
                probe[i] = (probe[i] + alpha * z[i]) % P;
            }
        }
        return nullSpace;
    }

    private static long power(long base, long exponent) {
        long result = 1;
        long b = base % P;
        long e = exponent;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = result * b % P;
            }
            b = b * b % P;
            e >>= 1;
        }
        return result;
    }
}
