package org.coprogram.survey.results;

/**
 * The threshold rule for one count: safe to derive if it counts nobody or at least {@code k} people. Everything the
 * results publish is built so that every count an attacker can derive from them — by any sum or difference of
 * published figures — is a sum of safe counts, hence safe too ({@link Publication}, docs/privacy.md).
 */
final class Disclosure {

    private final int k;

    Disclosure(int k) {
        this.k = k;
    }

    int threshold() {
        return k;
    }

    boolean safe(long count) {
        return count == 0 || count >= k;
    }
}
