package org.coprogram.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfigBuilder;

class PartnerKafkaConnectionTest {

    @Test
    void theBridgesConsumersLogInToTheClustersListenerLikeTheServicesClients() {
        var cluster = new SmallRyeConfigBuilder().withDefaultValues(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512", "kafka.sasl.jaas.config", "ScramLoginModule required;",
                "kafka.ssl.truststore.location", "/etc/coprogram/kafka-ca/ca.crt", "kafka.auto.offset.reset",
                "latest")).build();

        assertThat(PartnerEventStream.connection(cluster)).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config",
                        "ScramLoginModule required;")
                .containsEntry("ssl.truststore.location", "/etc/coprogram/kafka-ca/ca.crt")
                .doesNotContainKey("auto.offset.reset");
        assertThat(PartnerEventStream.connection(new SmallRyeConfigBuilder().build())).isEmpty();
    }
}
