package org.coprogram.common.identity;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Adds the composite {@link Caller#PERSON} role to every identity holding a person role, so that endpoints open to
 * people say {@code @RolesAllowed(Caller.PERSON)} instead of listing five roles. A partner system never becomes a
 * person, even if an identity provider gave its account a person role too.
 */
@ApplicationScoped
public class PersonRoleAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.hasRole(Caller.PARTNER) || identity.hasRole(Caller.PERSON)
                || Caller.PERSON_ROLES.stream().noneMatch(identity::hasRole)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(Caller.PERSON).build());
    }
}
