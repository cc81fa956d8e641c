package org.coprogram.gateway;

import java.net.URI;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Base URL of each service, keyed by {@link org.coprogram.gateway.proxy.ServiceRoutes.Service} name. */
    Map<String, URI> services();

    /** Largest request body accepted; larger ones get 413 before reaching a service. */
    long maxBodyBytes();

    RateLimit rateLimit();

    PartnerStream partnerStream();

    Portal portal();

    /** What the browser needs to log in to the portal: Keycloak as the browser reaches it, and the public client. */
    interface Portal {
        /** The realm's issuer URL as seen from the browser (in Kubernetes, the Keycloak ingress, not the service). */
        URI authority();

        @WithDefault("coprogram-portal")
        String clientId();
    }

    /** The Server-Sent Events bridge for partners without Kafka ({@code GET /api/partner/events}). */
    interface PartnerStream {
        /** The broker the bridge reads the public topics from. */
        String bootstrapServers();

        /** Open streams at most, across partners: each holds a Kafka consumer and a thread. */
        @WithDefault("20")
        int maxConnections();
    }

    interface RateLimit {
        /** Sustained requests per second for one authenticated account. */
        int perAccountPerSecond();

        /** Sustained requests per second for one client address when anonymous. */
        int perIpPerSecond();

        /** Bucket capacity, in seconds of the sustained rate. */
        int burstSeconds();
    }
}
