package org.coprogram.meeting.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.meeting.personal.RegistrantNotices;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The reminder the day before a meeting: every round, each confirmed registration of a scheduled meeting that starts
 * within {@code coprogram.meetings.reminder.lead} (24 h) of the injected clock and was not reminded yet gets one
 * {@code MEETING_REMINDER} notification request, in bounded batches ({@code batch-size}, at most
 * {@code max-batches} a round: the rest waits for the next round). Once per registration, across restarts and
 * replicas: see {@link ReminderRepository}.
 */
@ApplicationScoped
public class MeetingReminders {

    /** The scheduler's identity of the periodic round, for pausing it in tests. */
    public static final String JOB = "meeting-reminders";
    private static final Logger LOG = Logger.getLogger(MeetingReminders.class);

    private final ReminderRepository reminders;
    private final RegistrantNotices notices;
    private final Clock clock;
    private final Duration lead;
    private final int batchSize;
    private final int maxBatches;

    public MeetingReminders(ReminderRepository reminders, RegistrantNotices notices, Clock clock,
            @ConfigProperty(name = "coprogram.meetings.reminder.lead", defaultValue = "PT24H") Duration lead,
            @ConfigProperty(name = "coprogram.meetings.reminder.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "coprogram.meetings.reminder.max-batches", defaultValue = "50") int maxBatches) {
        this.reminders = reminders;
        this.notices = notices;
        this.clock = clock;
        this.lead = lead;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    @Scheduled(identity = JOB, every = "${coprogram.meetings.reminder.interval:5m}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRound() {
        return remindDue().onFailure().invoke(e -> LOG.warn("Meeting reminders failed; retrying next round", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: the number of reminders recorded. */
    public Uni<Integer> remindDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return batches(now, 0);
    }

    private Uni<Integer> batches(OffsetDateTime now, int done) {
        return reminders.remind(now, now.plus(lead), batchSize, due -> notices.reminderEvent(due, now), now)
                .flatMap(taken -> taken < batchSize || done + 1 >= maxBatches
                        ? Uni.createFrom().item(taken)
                        : batches(now, done + 1).map(more -> taken + more));
    }
}
