package org.coprogram.bridge;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Server-Sent Events bridge for partners without Kafka ({@code GET /api/partner/events}). Its properties keep the
 * {@code gateway.} prefix they had when the bridge was part of the gateway's own code: deployments set them unchanged.
 */
@ConfigMapping(prefix = "gateway.partner-stream")
public interface BridgeConfig {
    /** The broker the bridge reads the public topics from. */
    String bootstrapServers();

    /** Open streams at most, across partners: each holds a Kafka consumer and a thread. */
    @WithDefault("20")
    int maxConnections();

    /** Open streams at most for one partner (the client its token was issued to, {@code azp}). */
    @WithDefault("3")
    int maxPerPartner();

    /**
     * How often an open stream's token is checked against the identity provider (token introspection), so that a
     * revoked token loses its stream within this time. Its expiry ({@code exp}) closes it in any case.
     */
    @WithDefault("15S")
    Duration revocationCheckInterval();

    /**
     * How long a stream's consumer may go without heartbeats before Kafka drops it from its group: the time for
     * which the group of a stream on a replica that died stays taken (409) on the others.
     */
    @WithDefault("10S")
    Duration sessionTimeout();

    /** How long opening a stream waits for Kafka to give its consumer the group's partitions before a 503. */
    @WithDefault("30S")
    Duration joinTimeout();

    Introspection introspection();

    /** Token introspection (RFC 7662) at Keycloak, as the gateway's own confidential client. */
    interface Introspection {
        /** The endpoint; by default the {@code introspection_endpoint} of the realm's OpenID discovery document. */
        Optional<URI> url();

        String clientId();

        String clientSecret();
    }
}
