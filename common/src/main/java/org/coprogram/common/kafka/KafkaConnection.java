package org.coprogram.common.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/**
 * How every Kafka client that the code builds itself (the outbox producer, the readiness check, a rebuild's reader)
 * reaches the broker: the same {@code kafka.*} connection settings the SmallRye channels get, so that on a cluster
 * whose listener wants TLS and SCRAM (k8s/base/kafka) those clients log in like the channels do. Locally only
 * {@code kafka.bootstrap.servers} is set.
 */
@ApplicationScoped
public class KafkaConnection {

    /** The client settings that say where and how to connect; nothing that changes a client's behaviour. */
    static final List<String> KEYS = List.of("bootstrap.servers", "security.protocol", "sasl.mechanism",
            "sasl.jaas.config", "ssl.truststore.type", "ssl.truststore.location", "ssl.truststore.password",
            "ssl.keystore.type", "ssl.keystore.location", "ssl.keystore.password", "ssl.key.password",
            "ssl.endpoint.identification.algorithm");

    private final Map<String, Object> settings;

    @Inject
    public KafkaConnection(Config config) {
        this(name -> config.getOptionalValue(name, String.class));
    }

    KafkaConnection(Function<String, Optional<String>> config) {
        Map<String, Object> found = new HashMap<>();
        KEYS.forEach(key -> config.apply("kafka." + key).filter(value -> !value.isBlank())
                .ifPresent(value -> found.put(key, value)));
        if (!found.containsKey("bootstrap.servers")) {
            throw new IllegalStateException("kafka.bootstrap.servers is not configured");
        }
        this.settings = Map.copyOf(found);
    }

    /** The connection settings with {@code own} (the client's own settings) added. */
    public Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> all = new HashMap<>(own);
        all.putAll(settings);
        return all;
    }
}
