package org.coprogram.common;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every service shares: its CloudEvents source, the pseudonym key, the outbox relay and idempotency keys. */
@ConfigMapping(prefix = "coprogram")
public interface CoprogramConfig {

    /** Service name, used as CloudEvents {@code source} ("/" + name) and consumer name. */
    String service();

    Pseudonym pseudonym();

    Outbox outbox();

    PlanView planView();

    Idempotency idempotency();

    interface Idempotency {
        /** How long an Idempotency-Key is remembered (common/idempotency); a retry after that creates again. */
        @WithDefault("P7D")
        Duration retention();

        /** Pause between two prunings of expired keys. */
        @WithDefault("1h")
        Duration pruneInterval();
    }

    interface PlanView {
        /** Build-time switch: keep a local view of plans from {@code coprogram.plans} (common/planview). */
        @WithDefault("false")
        boolean enabled();
    }

    interface Pseudonym {
        /** Per-service HMAC key; a person's pseudonymous id differs across services. */
        String key();
    }

    interface Outbox {
        /** Pause between relay rounds. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** Largest number of events relayed in one round. */
        @WithDefault("500")
        int batchSize();

        /** How long one round waits for the broker's acknowledgements before giving up until the next round. */
        @WithDefault("20s")
        Duration sendTimeout();
    }
}
