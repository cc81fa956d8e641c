package org.coprogram.survey.started;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.personal.PersonalEvents;
import org.coprogram.common.personal.PersonalEvents.Kind;
import org.coprogram.common.personal.PersonalEvents.NotificationRequested;
import org.coprogram.common.personal.PersonalEvents.Subject;
import org.coprogram.common.personal.PersonalOutbox;
import org.coprogram.survey.response.ResponseService;
import org.coprogram.survey.survey.SurveyConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * "A survey closing soon that you started" (docs/notifications.md): every round, each person who opened the form of a
 * published questionnaire closing within {@code survey.closing-soon.lead} (48 h) of the injected clock, did not answer
 * it and was not told yet gets one {@code SURVEY_CLOSING_SOON} notification request on the restricted personal topic,
 * in bounded batches, like meeting-service's reminder the day before. Once per person and survey: see
 * {@link StartedRepository}.
 */
@ApplicationScoped
public class ClosingSoonJob {

    /** The scheduler's identity of the periodic round. */
    public static final String JOB = "survey-closing-soon";
    private static final Logger LOG = Logger.getLogger(ClosingSoonJob.class);

    private final StartedRepository started;
    private final PersonalOutbox personal;
    private final Pseudonymizer pseudonyms;
    private final Clock clock;
    private final SurveyConfig.ClosingSoon config;

    public ClosingSoonJob(StartedRepository started, PersonalOutbox personal, Pseudonymizer pseudonyms, Clock clock,
            SurveyConfig config) {
        this.started = started;
        this.personal = personal;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.config = config.closingSoon();
    }

    @Scheduled(identity = JOB, every = "${survey.closing-soon.interval:5m}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRound() {
        return notifyDue().onFailure()
                .invoke(e -> LOG.warn("Survey closing-soon notices failed; retrying next round", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: the number of started rows taken (told, or forgotten because the person answered). */
    public Uni<Integer> notifyDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return batches(now, 0);
    }

    private Uni<Integer> batches(OffsetDateTime now, int done) {
        return started.notifyDue(now, now.plus(config.lead()), config.batchSize(),
                due -> ResponseService.ledgerKey(pseudonyms, due.surveyId(), due.accountId()),
                due -> notice(due, now), now)
                .flatMap(taken -> taken < config.batchSize() || done + 1 >= config.maxBatches()
                        ? Uni.createFrom().item(taken)
                        : batches(now, done + 1).map(more -> taken + more));
    }

    private OutboxEvent notice(StartedRepository.Due due, OffsetDateTime now) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("closesAt", due.closesAt().toString());
        return personal.notificationEvent(new NotificationRequested(
                PersonalEvents.key(due.surveyId() + ":" + due.accountId(), Kind.SURVEY_CLOSING_SOON),
                due.accountId(), Kind.SURVEY_CLOSING_SOON,
                new Subject("SURVEY", due.surveyId().toString(), due.title(), "/questionari/" + due.surveyId()),
                due.planId().toString(), due.region(), data, List.of(), now));
    }
}
