package org.coprogram.common;

import java.time.Duration;
import java.util.Optional;

import org.coprogram.contracts.Topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings every service shares: its CloudEvents source, the pseudonym key, the outbox relay, idempotency keys, the
 * inbox's parking of poison events and the retention of the event tables.
 */
@ConfigMapping(prefix = "coprogram")
public interface CoprogramConfig {

    /** Service name, used as CloudEvents {@code source} ("/" + name) and consumer name. */
    String service();

    Pseudonym pseudonym();

    Outbox outbox();

    TopicNamespace topics();

    PlanView planView();

    ErasureRequests erasureRequests();

    Idempotency idempotency();

    interface Idempotency {
        /** How long an Idempotency-Key is remembered (common/idempotency); a retry after that creates again. */
        @WithDefault("P7D")
        Duration retention();

        /** Pause between two prunings of expired keys. */
        @WithDefault("1h")
        Duration pruneInterval();
    }

    Inbox inbox();

    Retention retention();

    interface Inbox {
        /**
         * Attempts at an event whose handler keeps failing for a reason that will not pass by itself (a missing
         * field, a constraint); then the event is parked and its partition moves on. Transient failures (database or
         * broker unreachable) never count: those are retried for as long as they last.
         */
        @WithDefault("5")
        int maxAttempts();

        /** First pause before a retry; it doubles on each further failure, up to {@link #maxBackOff()}. */
        @WithDefault("200ms")
        Duration initialBackOff();

        @WithDefault("10s")
        Duration maxBackOff();

        /** How often a replica looks for parked events an operator asked to replay, and refreshes the gauge. */
        @WithDefault("5s")
        Duration replayPollInterval();
    }

    /**
     * How long the event tables keep their rows (org.coprogram.common.retention.EventRetention says why these
     * horizons keep consumption idempotent).
     */
    interface Retention {
        @WithDefault("true")
        boolean enabled();

        /** Published outbox rows older than this (since publication) are deleted; unpublished rows never are. */
        @WithDefault("7d")
        Duration outboxHorizon();

        /** Processed event ids older than this are forgotten; keep it far longer than any redelivery or replay. */
        @WithDefault("30d")
        Duration inboxHorizon();

        /** Rows deleted per statement, each in its own short transaction. */
        @WithDefault("1000")
        int batchSize();

        /** Pause between retention rounds. */
        @WithDefault("1m")
        Duration interval();
    }

    /**
     * Where this deployment's topics live (contracts' {@code Topics.named}): no prefix in production and the demo; the
     * services' tests ({@code %test}) and the platform {@code ./coprogram test} starts have their own, so that a test
     * never touches the demo's topics. The channels' topics and groups name it in application.properties.
     */
    interface TopicNamespace {
        Optional<String> prefix();

        /** The Kafka name of a contract topic in this namespace. */
        default String named(String topic) {
            return Topics.named(prefix().orElse(""), topic);
        }
    }

    interface PlanView {
        /** Build-time switch: keep a local view of plans from {@code coprogram.plans} (common/planview). */
        @WithDefault("false")
        boolean enabled();
    }

    interface ErasureRequests {
        /**
         * Build-time switch: apply erasure requests from {@code coprogram-restricted.erasure} with the service's
         * {@code AccountErasure} (common/personal).
         */
        @WithDefault("false")
        boolean enabled();
    }

    interface Pseudonym {
        /** Per-service HMAC key; a person's pseudonymous id differs across services. */
        String key();
    }

    interface Outbox {
        /** Pause between relay rounds while this process records events (and for {@link #hotWindow()} after). */
        @WithDefault("100ms")
        Duration pollInterval();

        /**
         * How long after this process last recorded an event the relay keeps its short interval: the event's transaction
         * may commit after the round that was woken for it.
         */
        @WithDefault("2s")
        Duration hotWindow();

        /**
         * Pause between relay rounds while this process records nothing: the rounds that find events another replica
         * recorded (whose own relay is busy or gone) or left from before a restart.
         */
        @WithDefault("2s")
        Duration idleInterval();

        /** Largest number of events relayed in one round. */
        @WithDefault("500")
        int batchSize();

        /** How long one round waits for the broker's acknowledgements before giving up until the next round. */
        @WithDefault("20s")
        Duration sendTimeout();
    }
}
