package org.coprogram.notification.digest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.notification.NotificationConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The daily digest, for the people who chose DAILY_DIGEST: composed in keyset pages of
 * {@code notification.digest.page-size} recipients, each page one short transaction that dates the notifications and
 * queues one DIGEST row per person; the mail sender then composes and sends each digest on its own. However many
 * recipients there are, no step holds more than one page (decidim/decidim#16129 is the failure this avoids).
 */
@ApplicationScoped
public class DigestJob {

    private static final Logger LOG = Logger.getLogger(DigestJob.class);
    private static final ZoneId ITALY = ZoneId.of("Europe/Rome");

    /** What a run did. */
    public record Run(LocalDate day, int pages, long recipients) {
    }

    private final DigestRepository digests;
    private final NotificationConfig config;
    private final Clock clock;

    public DigestJob(DigestRepository digests, NotificationConfig config, Clock clock) {
        this.digests = digests;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(cron = "{notification.digest.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> daily() {
        long started = System.nanoTime();
        return run(LocalDate.now(clock.withZone(ITALY))).invoke(run -> {
            if (run.recipients() > 0) {
                LOG.infof("Daily digest of %s: %d recipients in %d pages, %.1f s", run.day(), run.recipients(),
                        run.pages(), (System.nanoTime() - started) / 1e9);
            }
        }).replaceWithVoid();
    }

    /** Composes the digests of {@code day} for everyone with notifications waiting. */
    public Uni<Run> run(LocalDate day) {
        return page(day, "", 0, 0);
    }

    private Uni<Run> page(LocalDate day, String after, int pages, long recipients) {
        return digests.composePage(day, after, config.digest().pageSize(), OffsetDateTime.now(clock))
                .flatMap(result -> result.recipients() == 0
                        ? Uni.createFrom().item(new Run(day, pages, recipients))
                        : page(day, result.lastAccount(), pages + 1, recipients + result.recipients()));
    }
}
