package org.coprogram.synthesis.readmodel;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.coprogram.common.CoprogramConfig;
import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.kafka.KafkaConnection;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Topics;
import org.coprogram.synthesis.synthesis.SynthesisRepository;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Rebuilds one plan's read model from the topics, as a job: {@link #start} answers at once with the running job, which
 * forgets what the plan's events did, reads every contribution topic from its first record with a plain consumer in
 * polls of at most {@code synthesis-rebuild.batch-size} records, applies each poll's events of the plan through the
 * same projector and inbox as live consumption (one transaction per event), and commits its progress (records read
 * per topic) after each poll. Events arriving meanwhile are applied once, by whichever side sees them first. One
 * rebuild runs at a time in the deployment.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);

    /** In this order: a survey's definition (coprogram.surveys) is applied before its responses. */
    static final List<String> TOPICS = List.of(Topics.PROPOSALS, Topics.SURVEYS,
            Topics.SURVEY_RESPONSES, Topics.MEETINGS, Topics.SYNTHESIS,
            Topics.RESTRICTED_SOCIAL_REPORTS);

    private final EventInbox inbox;
    private final SynthesisProjector projector;
    private final ObjectMapper json;
    private final String consumer;
    private final CoprogramConfig.TopicNamespace namespace;
    private final KafkaConnection kafka;
    private final ReadModelRepository rows;
    private final RebuildJobRepository jobs;
    private final SynthesisRepository synthesis;
    private final AuditTrail audit;
    private final RebuildConfig config;
    private final Vertx vertx;
    private final Clock clock;

    ReadModelRebuild(EventInbox inbox, SynthesisProjector projector, ObjectMapper json, CoprogramConfig coprogram,
            KafkaConnection kafka, ReadModelRepository rows, RebuildJobRepository jobs, SynthesisRepository synthesis,
            AuditTrail audit, RebuildConfig config, Vertx vertx, Clock clock) {
        this.inbox = inbox;
        this.projector = projector;
        this.json = json;
        this.consumer = coprogram.service();
        this.namespace = coprogram.topics();
        this.kafka = kafka;
        this.rows = rows;
        this.jobs = jobs;
        this.synthesis = synthesis;
        this.audit = audit;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
    }

    /**
     * Starts rebuilding the plan's read model and answers with the running job; 409 while another rebuild runs. The
     * caller must have checked that {@code requestedBy} may rebuild this plan; the rebuild is audited in that name.
     */
    public Uni<RebuildJob> start(UUID planId, String requestedBy) {
        RebuildJob job = new RebuildJob(UUID.randomUUID(), planId, RebuildJob.RUNNING, noneRead(), null, null, null,
                now(), null);
        return Panache.withTransaction(() -> jobs.start(job, requestedBy, job.startedAt().minus(config.staleAfter())))
                .map(started -> {
                    if (!started) {
                        throw ProblemException
                                .conflict("Una ricostruzione è già in corso: riprovare quando sarà terminata");
                    }
                    launch(job, requestedBy);
                    return job;
                });
    }

    /** The job as it is now; empty if there is none with this id. */
    @WithSession
    public Uni<Optional<RebuildJob>> job(UUID jobId) {
        return jobs.find(jobId);
    }

    /** On a context of its own: the job outlives the request that started it. */
    private void launch(RebuildJob job, String requestedBy) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> run(job, requestedBy).subscribe().with(
                done -> LOG.infof("Rebuild %s of plan %s ended", job.id(), job.planId()),
                failure -> LOG.errorf(failure, "Rebuild %s could not record that it failed", job.id())));
    }

    private Uni<Void> run(RebuildJob job, String requestedBy) {
        Context context = Vertx.currentContext();
        Executor onContext = command -> context.runOnContext(ignored -> command.run());
        Map<String, Long> progress = noneRead();
        Set<UUID> applied = new HashSet<>();
        return Panache.withTransaction(() -> rows.forget(consumer, job.planId()))
                .chain(() -> Uni.createFrom().item(() -> reader(job.planId()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).emitOn(onContext))
                .chain(reader -> Multi.createBy().repeating()
                        .uni(() -> Uni.createFrom().item(reader::next)
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).emitOn(onContext))
                        .until(PlanEventReader.Batch::isEnd)
                        .onItem().transformToUniAndConcatenate(batch -> apply(batch.events(), applied)
                                .chain(() -> {
                                    progress.merge(batch.topic(), (long) batch.records(), Long::sum);
                                    return Panache.withTransaction(() -> jobs.progress(job.id(), progress, now()));
                                }))
                        .collect().last()
                        .eventually(() -> Uni.createFrom().item(() -> {
                            reader.close();
                            return true;
                        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).emitOn(onContext)))
                .chain(() -> Panache.withTransaction(() -> synthesis.version(job.planId())
                        .call(version -> jobs.succeeded(job.id(), applied.size(), version, now()))
                        .call(() -> audit.record(requestedBy, "synthesis.rebuild", "plan", job.planId().toString(),
                                applied.size() + " eventi"))))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf(failure, "Rebuild %s of plan %s failed", job.id(), job.planId());
                    return Panache.withTransaction(() -> jobs.failed(job.id(), RebuildJob.ERROR, now()));
                });
    }

    /** Each of the plan's events once, however often the topics carry it; one transaction each. */
    private Uni<Void> apply(List<ReceivedEvent> events, Set<UUID> applied) {
        return Multi.createFrom().iterable(events).filter(event -> applied.add(event.id()))
                .onItem().transformToUniAndConcatenate(event -> inbox.handleOnce(event, projector::apply))
                .collect().last().replaceWithVoid();
    }

    /** Blocking. */
    private PlanEventReader reader(UUID planId) {
        return new PlanEventReader(new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, consumer + "-rebuild-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))), TOPICS,
                namespace::named, planId.toString(), json);
    }

    /** The service's clock, at the database's precision: a job's heartbeat is what decides whether it is stale. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static Map<String, Long> noneRead() {
        Map<String, Long> progress = new LinkedHashMap<>();
        TOPICS.forEach(topic -> progress.put(topic, 0L));
        return progress;
    }
}
