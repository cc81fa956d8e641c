package org.coprogram.synthesis.readmodel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.coprogram.common.CoprogramConfig;
import org.coprogram.common.inbox.CloudEventRecords;
import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.kafka.KafkaConnection;
import org.coprogram.contracts.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Rebuilds one plan's read model from the topics: forgets what the plan's events did, reads every contribution topic
 * from its first record with a plain consumer, and applies the plan's events again through the same projector and
 * inbox as live consumption. Events arriving meanwhile are applied once, by whichever side sees them first.
 */
@ApplicationScoped
public class ReadModelRebuild {

    /** In this order: a survey's definition (coprogram.surveys) is applied before its responses. */
    static final List<String> TOPICS = List.of(Topics.PROPOSALS, Topics.SURVEYS,
            Topics.SURVEY_RESPONSES, Topics.MEETINGS, Topics.SYNTHESIS,
            Topics.RESTRICTED_SOCIAL_REPORTS);
    private static final String[] PLAN_TABLES = {"contribution", "participant_presence", "survey_summary",
            "meeting_summary", "social_report_summary"};

    private final EventInbox inbox;
    private final SynthesisProjector projector;
    private final ObjectMapper json;
    private final String consumer;
    private final KafkaConnection kafka;

    ReadModelRebuild(EventInbox inbox, SynthesisProjector projector, ObjectMapper json, CoprogramConfig config,
            KafkaConnection kafka) {
        this.inbox = inbox;
        this.projector = projector;
        this.json = json;
        this.consumer = config.service();
        this.kafka = kafka;
    }

    /** How many of the plan's events were applied again. */
    public Uni<Integer> rebuild(UUID planId) {
        Context context = Vertx.currentContext();
        return Panache.withTransaction(() -> forget(planId))
                .chain(() -> Uni.createFrom().item(() -> read(planId.toString()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(events -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(event -> inbox.handleOnce(event, projector::apply))
                        .collect().asList().replaceWith(events.size()));
    }

    private Uni<Void> forget(UUID planId) {
        Uni<Integer> chain = Sql.update("DELETE FROM processed_event WHERE consumer = :consumer AND event_id IN"
                + " (SELECT event_id FROM plan_event WHERE plan_id = :plan)",
                Map.of("consumer", consumer, "plan", planId))
                .chain(() -> Sql.update("DELETE FROM plan_event WHERE plan_id = :plan", Map.of("plan", planId)));
        for (String table : PLAN_TABLES) {
            chain = chain.chain(() -> Sql.update("DELETE FROM " + table + " WHERE plan_id = :plan",
                    Map.of("plan", planId)));
        }
        return chain.chain(() -> Sql.update("UPDATE read_model_version SET version = version + 1, updated_at = now()"
                + " WHERE plan_id = :plan", Map.of("plan", planId))).replaceWithVoid();
    }

    /**
     * Blocking: every event of the plan on the contribution topics, up to their ends as they are now; a record sent
     * twice is read once.
     */
    List<ReceivedEvent> read(String planId) {
        Map<UUID, ReceivedEvent> events = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, consumer + "-rebuild-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())))) {
            for (String topic : TOPICS) {
                List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> reader.position(p) < ends.get(p))) {
                    for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                        if (planId.equals(CloudEventRecords.header(record, "ce_planid"))) {
                            CloudEventRecords.parse(record, json).ifPresent(event -> events.putIfAbsent(event.id(),
                                    event));
                        }
                    }
                }
            }
        }
        return List.copyOf(events.values());
    }
}
