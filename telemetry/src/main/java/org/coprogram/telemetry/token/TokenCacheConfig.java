package org.coprogram.telemetry.token;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long and how many verified bearer tokens a process keeps (docs/performance.md, "CPU per write"). */
@ConfigMapping(prefix = "coprogram.token-cache")
public interface TokenCacheConfig {

    /** Off: every request's token is verified again, as Quarkus OIDC does on its own. */
    @WithDefault("true")
    boolean enabled();

    /** Tokens kept at once; the least recently used go first. About 4 KB each (the token and its claims). */
    @WithDefault("2000")
    int maxSize();

    /**
     * The longest a verification is trusted, even if the token lives longer: a signing key withdrawn at the identity
     * provider stops being honoured within this time. A token is never kept past its own expiry.
     */
    @WithDefault("5m")
    Duration maxAge();
}
