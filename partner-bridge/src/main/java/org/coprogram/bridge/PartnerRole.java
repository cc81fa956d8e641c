package org.coprogram.bridge;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who may open a partner stream, in the platform's one authorization vocabulary: common's {@code Caller.isPartner}
 * with the role {@code Caller.PARTNER}. The gateway does not depend on common, which would bring it a database, Flyway
 * and Kafka messaging it has none of, so the predicate is repeated here, and {@code PartnerRoleTest} fails when it
 * stops being common's.
 */
final class PartnerRole {

    /** {@code Caller.PARTNER}. */
    static final String NAME = "partner";

    private PartnerRole() {
    }

    /** {@code Caller.isPartner(identity)}. */
    static boolean isPartner(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.hasRole(NAME);
    }
}
