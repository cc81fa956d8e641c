package org.coprogram.gateway;

import java.net.URI;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Base URL of each service, keyed by {@link org.coprogram.gateway.proxy.ServiceRoutes.Service} name. */
    Map<String, URI> services();

    /**
     * Largest request body accepted; larger ones get 413 before reaching a service, whether they announce their length
     * or are chunked (a chunked body is read into memory up to this size before it is forwarded).
     */
    long maxBodyBytes();

    /**
     * Largest body of a file upload ({@link org.coprogram.gateway.proxy.ServiceRoutes#isUpload}: a Decidim open-data
     * export, docs/decidim.md); the service bounds what is inside it.
     */
    @WithDefault("10485760")
    long maxUploadBytes();

    /**
     * How many reverse proxies the deployment puts in front of the gateway, each appending the address it received the
     * request from to {@code X-Forwarded-For} (an ingress controller: 1). The client address, which keys the anonymous
     * rate limit, is the entry that many places from the right; with 0 it is the connection's own address and
     * {@code X-Forwarded-For} is not read, since anyone can write it.
     */
    @WithDefault("0")
    int trustedProxies();

    RateLimit rateLimit();

    Portal portal();

    /** What the browser needs to log in to the portal: Keycloak as the browser reaches it, and the public client. */
    interface Portal {
        /** The realm's issuer URL as seen from the browser (in Kubernetes, the Keycloak ingress, not the service). */
        URI authority();

        @WithDefault("coprogram-portal")
        String clientId();
    }

    interface RateLimit {
        /** Sustained requests per second for one authenticated account. */
        int perAccountPerSecond();

        /** Sustained requests per second for one client address when anonymous. */
        int perIpPerSecond();

        /** Bucket capacity, in seconds of the sustained rate. */
        int burstSeconds();

        Heavy heavy();
    }

    /**
     * Requests that make a service render or compute (the synthesis report in any format, clusters, CSV exports): a
     * bucket of their own per caller, on top of the general one, with a far lower rate.
     */
    interface Heavy {
        /** Sustained heavy requests per minute for one authenticated account. */
        @WithDefault("60")
        int perAccountPerMinute();

        /** Sustained heavy requests per minute for one client address when anonymous. */
        @WithDefault("60")
        int perIpPerMinute();

        /**
         * Bucket capacity: heavy requests that may come at once before the rate applies (enough for a visitor going
         * through a plan's report in every scope and format).
         */
        @WithDefault("30")
        int burst();
    }
}
