package org.coprogram.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    @Test
    void clientsTheCodeBuildsGetTheClustersLoginAndTlsSettingsAndKeepTheirOwn() {
        Map<String, String> config = Map.of("kafka.bootstrap.servers", "coprogram-kafka-bootstrap:9093",
                "kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.ssl.truststore.location", "/etc/coprogram/kafka-ca/ca.crt", "kafka.auto.offset.reset",
                "earliest", "kafka.ssl.keystore.password", " ");
        KafkaConnection connection = new KafkaConnection(name -> Optional.ofNullable(config.get(name)));

        Map<String, Object> producer = connection.with(Map.of("acks", "all", "client.id", "outbox"));

        assertThat(producer).containsEntry("bootstrap.servers", "coprogram-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("ssl.truststore.location", "/etc/coprogram/kafka-ca/ca.crt")
                .containsEntry("acks", "all").containsEntry("client.id", "outbox")
                // Behaviour settings of the channels stay theirs; blank values are not settings.
                .doesNotContainKeys("auto.offset.reset", "ssl.keystore.password");
    }

    @Test
    void aLocalBrokerNeedsOnlyItsAddressAndNoAddressIsAConfigurationError() {
        assertThat(new KafkaConnection(name -> name.equals("kafka.bootstrap.servers")
                ? Optional.of("127.0.0.1:9092")
                : Optional.empty()).with(Map.of())).isEqualTo(Map.of("bootstrap.servers", "127.0.0.1:9092"));
        assertThatThrownBy(() -> new KafkaConnection(name -> Optional.empty()))
                .hasMessageContaining("kafka.bootstrap.servers");
    }
}
