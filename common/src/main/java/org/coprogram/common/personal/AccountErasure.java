package org.coprogram.common.personal;

import io.smallrye.mutiny.Uni;

/**
 * A service's own part of an erasure (docs/privacy.md, "Cancellazione (art. 17)"): the one bean of a service built with
 * {@code coprogram.erasure-requests.enabled=true}, called by {@link ErasureRequestConsumer}.
 */
public interface AccountErasure {

    /** Removes or pseudonymises every row of this service that names the account, in the caller's transaction. */
    Uni<Void> forget(ErasureEvents.Requested request);
}
