package org.coprogram.meeting.inbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.coprogram.testing.TopicReader;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test-only topics of {@link PoisonProbe}, made before the service starts (the broker creates no topic by itself).
 * One partition: every probe event is on it, so "the partition moves on" is about all of them.
 */
public class PoisonProbeTopic implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.BOOTSTRAP))) {
            for (String topic : List.of(PoisonProbe.TOPIC, PoisonProbe.BATCH_TOPIC)) {
                create(admin, topic);
            }
        }
        return Map.of();
    }

    private static void create(Admin admin, String topic) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create " + topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not create " + topic, e);
        }
    }

    @Override
    public void stop() {
    }
}
