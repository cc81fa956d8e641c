package org.coprogram.common.identity;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.StakeholderCategory;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The authenticated person behind a request, with the claims DESIGN.md defines, and the platform's one authorization
 * vocabulary: every service says who may do what through these predicates, never by reading roles and claims itself.
 * Each predicate fails closed: a missing or blank claim matches no region and no district. The rules they express are
 * tabulated in {@code docs/access-policy.md}.
 */
@RequestScoped
public class Caller {

    public static final String CITIZEN = "citizen";
    public static final String ORGANIZATION_REP = "organization-rep";
    public static final String DISTRICT_OPERATOR = "district-operator";
    public static final String MODERATOR = "moderator";
    public static final String REGION_STAFF = "region-staff";
    public static final String PARTNER = "partner";
    /** Composite role held by every person (never by a partner system): see {@link PersonRoleAugmentor}. */
    public static final String PERSON = "person";

    /** The roles that make an account a person who may take part. */
    public static final Set<String> PERSON_ROLES = Set.of(CITIZEN, ORGANIZATION_REP, DISTRICT_OPERATOR, MODERATOR,
            REGION_STAFF);

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** The account id ({@code sub}); stored only where the service needs it, never put in events. */
    public String accountId() {
        return token.getSubject();
    }

    private boolean hasRole(String role) {
        return hasRole(identity, role);
    }

    private static boolean hasRole(SecurityIdentity identity, String role) {
        return !identity.isAnonymous() && identity.hasRole(role);
    }

    /**
     * A partner system, for code that has the {@link SecurityIdentity} but no request-scoped {@code Caller} (a route
     * outside JAX-RS, such as a partner's event stream).
     */
    public static boolean isPartner(SecurityIdentity identity) {
        return hasRole(identity, PARTNER);
    }

    /** A person taking part (any person role), as opposed to an anonymous visitor or a partner system. */
    public boolean isPerson() {
        return hasRole(PERSON);
    }

    public boolean isPartner() {
        return isPartner(identity);
    }

    /** Region staff whose {@code region} claim is {@code region}. */
    public boolean isRegionStaffOf(String region) {
        return hasRole(REGION_STAFF) && claimIs("region", region);
    }

    /** A moderator whose {@code region} claim is {@code region}. */
    public boolean isModeratorOf(String region) {
        return hasRole(MODERATOR) && claimIs("region", region);
    }

    /** An operator of {@code district}, whose {@code region} claim is also the resource's {@code region}. */
    public boolean isDistrictOperatorOf(String region, String district) {
        return hasRole(DISTRICT_OPERATOR) && claimIs("region", region) && claimIs("district", district);
    }

    /** Region staff or moderators of {@code region}: they see hidden content of that region's plans. */
    public boolean isStaffOf(String region) {
        return isRegionStaffOf(region) || isModeratorOf(region);
    }

    /** The region whose hidden content this caller sees ({@link #isStaffOf}), if any. */
    public Optional<String> staffRegion() {
        return region().filter(this::isStaffOf);
    }

    /**
     * Refuses the request unless {@code allowed}: 401 for an anonymous caller (who may be allowed once logged in),
     * 403 problem+json with {@code detail} otherwise.
     */
    public void require(boolean allowed, String detail) {
        if (allowed) {
            return;
        }
        if (isAnonymous()) {
            throw new UnauthorizedException();
        }
        throw ProblemException.forbidden(detail);
    }

    private Optional<String> region() {
        return claim("region");
    }

    public Optional<String> district() {
        return claim("district");
    }

    /** The category of the token's {@code stakeholder_category} claim; empty when missing or not a known category. */
    public Optional<StakeholderCategory> stakeholderCategory() {
        return claim("stakeholder_category").flatMap(StakeholderCategory::parse);
    }

    /**
     * The id of the organisation this person represents, as the organisation registry set it in the account's
     * {@code organization} attribute (docs/identity.md, "Verified organisations"); never taken from a body. A
     * contribution speaks for it only once the registry confirms it (verified, of the plan's region, still represented).
     */
    public Optional<String> organization() {
        return hasRole(ORGANIZATION_REP) ? claim("organization") : Optional.empty();
    }

    private boolean claimIs(String name, String expected) {
        return expected != null && !expected.isBlank() && claim(name).map(expected::equals).orElse(false);
    }

    private Optional<String> claim(String name) {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        Object value = token.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().replace("\"", "").strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
