package org.coprogram.common.health;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.coprogram.common.kafka.KafkaConnection;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Ready only while the broker answers: without it the outbox would grow unboundedly. */
@Readiness
@ApplicationScoped
public class KafkaBrokerReadiness implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Admin admin;

    public KafkaBrokerReadiness(KafkaConnection connection) {
        this.admin = Admin.create(connection.with(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis())));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom()
                .completionStage(() -> admin.describeCluster(new DescribeClusterOptions()
                        .timeoutMs((int) TIMEOUT.toMillis())).nodes().toCompletionStage())
                .map(nodes -> HealthCheckResponse.named("kafka-broker").status(!nodes.isEmpty())
                        .withData("nodes", nodes.size()).build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("kafka-broker").down()
                        .withData("error", e.getClass().getSimpleName()).build());
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
