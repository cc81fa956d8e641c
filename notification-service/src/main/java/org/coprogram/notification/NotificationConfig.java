package org.coprogram.notification;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The notification service's settings ({@code notification.*} in application.properties). */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /** The portal's base URL: links in messages point there. */
    String portalUrl();

    /** The public API's base URL (the gateway): the unsubscribe link points there. */
    String publicApiUrl();

    /** Key of the HMAC that signs unsubscribe tokens. */
    String unsubscribeKey();

    Directory directory();

    Mail mail();

    Digest digest();

    interface Directory {
        /** The realm whose users are the platform's people, e.g. {@code http://127.0.0.1:8180/realms/coprogram}. */
        String realmUrl();

        String clientId();

        String clientSecret();

        /** How long an account's address is kept in memory. */
        Duration cacheTtl();

        /**
         * Benchmarks only (scripts/bench-digest.sh): every account's address is {@code <account>@<domain>}, without
         * asking Keycloak. Unset everywhere else.
         */
        Optional<String> syntheticDomain();
    }

    interface Mail {
        Duration pollInterval();

        /** Rows claimed by one round of the sender. */
        int batchSize();

        Duration initialBackOff();

        Duration maxBackOff();
    }

    interface Digest {
        /** When the daily digest runs (Quarkus cron; {@code off} in the tests, which run it themselves). */
        String cron();

        /** Recipients composed per page of the digest job (a keyset page: the job never holds more). */
        int pageSize();
    }
}
