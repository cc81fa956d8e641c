package org.coprogram.gateway;

import java.net.URI;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Base URL of each service, keyed by {@link org.coprogram.gateway.proxy.ServiceRoutes.Service} name. */
    Map<String, URI> services();

    /** Largest request body accepted; larger ones get 413 before reaching a service. */
    long maxBodyBytes();

    RateLimit rateLimit();

    interface RateLimit {
        /** Sustained requests per second for one authenticated account. */
        int perAccountPerSecond();

        /** Sustained requests per second for one client address when anonymous. */
        int perIpPerSecond();

        /** Bucket capacity, in seconds of the sustained rate. */
        int burstSeconds();
    }
}
