package org.coprogram.survey.response;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.survey.response.PendingResponseRepository.DueSurvey;
import org.coprogram.survey.response.PendingResponseRepository.MixedResponse;
import org.coprogram.survey.response.PendingResponseRepository.PendingResponse;
import org.coprogram.survey.survey.SurveyConfig;
import org.coprogram.survey.survey.SurveyEvents;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Turns waiting anonymous responses into responses and events, a batch at a time, so that nothing in the database
 * ties a response to the ledger row written with it: the batch is written in its own transaction (its own xmin), in
 * an order drawn by {@link SecureRandom} (physical order, outbox order), with fresh ids and pseudonyms, and one time
 * for all, the hour of the batch. While a survey takes responses a batch holds at least {@code survey.mix.min-batch};
 * once it stops, whatever remains is mixed however few.
 */
@ApplicationScoped
public class ResponseMixer {

    /** The scheduler's identity of the periodic round, for pausing it. */
    public static final String JOB = "survey-response-mixer";
    private static final Logger LOG = Logger.getLogger(ResponseMixer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PendingResponseRepository pending;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final SurveyConfig.Mix config;
    private final Clock clock;

    public ResponseMixer(PendingResponseRepository pending, Outbox outbox, ObjectMapper json, SurveyConfig config,
            Clock clock) {
        this.clock = clock;
        this.pending = pending;
        this.outbox = outbox;
        this.json = json;
        this.config = config.mix();
    }

    @Scheduled(identity = JOB, every = "${survey.mix.interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRound() {
        return mixOnce().onFailure().invoke(e -> LOG.warn("Mixing anonymous responses failed; retrying next round", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round over every survey due; the number of responses published. */
    public Uni<Integer> mixOnce() {
        return pending.due(config.minBatch(), OffsetDateTime.now(clock))
                .flatMap(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(this::mix)
                        .collect().with(Collectors.summingInt(Integer::intValue)))
                .call(moved -> moved == 0 ? Uni.createFrom().voidItem() : vacuum());
    }

    /** Batches of at most max-batch until fewer than the least allowed are left. */
    private Uni<Integer> mix(DueSurvey survey) {
        int least = survey.accepting() ? config.minBatch() : 1;
        return pending.move(survey.surveyId(), least, config.maxBatch(), taken -> shuffled(survey, taken))
                .flatMap(moved -> moved < config.maxBatch()
                        ? Uni.createFrom().item(moved)
                        : mix(survey).map(more -> moved + more));
    }

    private List<MixedResponse> shuffled(DueSurvey survey, List<PendingResponse> taken) {
        List<PendingResponse> order = new ArrayList<>(taken);
        Collections.shuffle(order, RANDOM);
        OffsetDateTime hour = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.HOURS);
        List<MixedResponse> mixed = new ArrayList<>(order.size());
        for (PendingResponse response : order) {
            UUID id = UUID.randomUUID();
            String pseudonym = UUID.randomUUID().toString().replace("-", "");
            mixed.add(new MixedResponse(id, survey.surveyId(), pseudonym, response, hour,
                    event(survey, response, id, pseudonym, hour)));
        }
        return mixed;
    }

    /** The event names no free text: anonymous words stay in this service, for the region's staff export only. */
    private OutboxEvent event(DueSurvey survey, PendingResponse response, UUID id, String pseudonym,
            OffsetDateTime hour) {
        ObjectNode answers = answers(response.answers());
        answers.remove(survey.textQuestions());
        OutboxEvent event = outbox.event(SurveyEvents.RESPONSES_TOPIC, SurveyEvents.RESPONSE_SUBMITTED,
                survey.surveyId().toString(), survey.planId().toString(),
                new ResponseEvents.Submitted(survey.surveyId(), survey.planId(), id, response.surveyVersion(),
                        pseudonym, true, answers, response.profile(), hour));
        event.occurredAt = hour;
        // No trace either: a traceparent would tie the mixed event to the span of whatever ran the mix, and an
        // anonymous response's event must carry nothing finer than its hour (docs/privacy.md).
        event.traceparent = null;
        return event;
    }

    private ObjectNode answers(String stored) {
        try {
            return (ObjectNode) json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers are not JSON", e);
        }
    }

    /** Best effort: a failed VACUUM leaves dead rows until the next round's, and loses nothing. */
    private Uni<Void> vacuum() {
        return pending.vacuum().onFailure().invoke(e -> LOG.warnf("VACUUM pending_response failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
