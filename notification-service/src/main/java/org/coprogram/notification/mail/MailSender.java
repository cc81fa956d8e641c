package org.coprogram.notification.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.common.time.PeriodicRounds;
import org.coprogram.notification.NotificationConfig;
import org.coprogram.notification.preference.EmailMode;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends the mail outbox: claims due rows, resolves each recipient's address, composes and hands the message to the
 * SMTP relay, then marks it sent. A refused or unreachable relay (or an unreachable Keycloak) leaves the row pending
 * with an exponential back-off ({@code notification.mail.initial-back-off} doubling up to {@code max-back-off}): a
 * relay that is down loses nothing, and its mail goes out once it is back. A row is marked sent only after the relay
 * accepted the message, so a sender that dies in between may send it again (with the same Message-ID); it never
 * sends a message for a row that is not pending.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    /** How long a claimed row is this sender's before another may take it. */
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int CONCURRENCY = 8;

    private enum Outcome {
        SENT, SKIPPED, RETRY
    }

    private record Result(UUID id, Outcome outcome) {
    }

    private final MailOutboxRepository outbox;
    private final AccountDirectory directory;
    private final MailComposer composer;
    private final ReactiveMailer mailer;
    private final NotificationConfig.Mail config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final RelayCircuit relay;
    private final Counter sent;
    private final Counter failures;

    public MailSender(MailOutboxRepository outbox, AccountDirectory directory, MailComposer composer,
            ReactiveMailer mailer, NotificationConfig config, Clock clock, MeterRegistry registry) {
        this.outbox = outbox;
        this.directory = directory;
        this.composer = composer;
        this.mailer = mailer;
        this.config = config.mail();
        this.clock = clock;
        this.relay = new RelayCircuit(this.config.initialBackOff(), this.config.maxBackOff());
        this.sent = Counter.builder("coprogram.mail.sent").description("E-mails the SMTP relay accepted")
                .register(registry);
        this.failures = Counter.builder("coprogram.mail.failures")
                .description("E-mail attempts that failed and will be retried with back-off").register(registry);
    }

    void start(@Observes StartupEvent startup, PeriodicRounds rounds) {
        rounds.every(1000, config.pollInterval().toMillis(), () -> {
            if (relay.mayTry(System.nanoTime()) && running.compareAndSet(false, true)) {
                drain().onFailure().invoke(e -> LOG.warnf("Mail round failed, will retry: %s", e.toString()))
                        .onFailure().recoverWithItem(0)
                        .subscribe().with(count -> running.set(false));
            }
        });
    }

    /**
     * Rounds until no row is due, or until the relay cannot be reached ({@link RelayCircuit}); the number of messages
     * the relay accepted.
     */
    public Uni<Integer> drain() {
        int claimable = relay.claimable(config.batchSize());
        return sendOnce(claimable).flatMap(round -> round.claimed() < claimable || relay.isOpen()
                ? Uni.createFrom().item(round.sent())
                : drain().map(more -> more + round.sent()));
    }

    private record Round(int claimed, int sent) {
    }

    private Uni<Round> sendOnce(int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return outbox.claimDue(now, now.plus(LEASE), limit).flatMap(rows -> rows.isEmpty()
                ? Uni.createFrom().item(new Round(0, 0))
                : Multi.createFrom().iterable(rows).onItem().transformToUni(this::deliver).merge(CONCURRENCY)
                        .collect().asList().flatMap(results -> {
                            List<UUID> done = new ArrayList<>();
                            results.stream().filter(r -> r.outcome() == Outcome.SENT).forEach(r -> done.add(r.id()));
                            sent.increment(done.size());
                            return outbox.markSent(done, OffsetDateTime.now(clock))
                                    .replaceWith(new Round(rows.size(), done.size()));
                        }));
    }

    private Uni<Result> deliver(PendingMail row) {
        if (EmailMode.NONE.name().equals(row.mode())) {
            return outbox.skip(row.id(), "the person wants no e-mail")
                    .replaceWith(new Result(row.id(), Outcome.SKIPPED));
        }
        return directory.recipient(row.accountId()).flatMap(recipient -> {
            if (recipient.email().isEmpty()) {
                return outbox.skip(row.id(), "no address for this account")
                        .replaceWith(new Result(row.id(), Outcome.SKIPPED));
            }
            return compose(row, recipient.email().get()).flatMap(this::send)
                    .replaceWith(new Result(row.id(), Outcome.SENT));
        }).onFailure().recoverWithUni(e -> {
            failures.increment();
            OffsetDateTime next = OffsetDateTime.now(clock).plus(backOff(row.attempts()));
            LOG.debugf("Mail %s not sent (attempt %d), next at %s: %s", row.id(), row.attempts() + 1, next,
                    e.getClass().getName());
            // Only the failure's class: a relay's message usually quotes the recipient, and addresses are never kept.
            return outbox.retryAt(row.id(), next, truncate(e.getClass().getName()))
                    .replaceWith(new Result(row.id(), Outcome.RETRY));
        });
    }

    /** Hands the message to the relay, and tells the circuit whether the relay could be reached. */
    private Uni<Void> send(Mail mail) {
        return mailer.send(mail).invoke(relay::reached).onFailure(RelayCircuit::isUnreachable)
                .invoke(() -> relay.unreachable(System.nanoTime()));
    }

    private Uni<Mail> compose(PendingMail row, String to) {
        if (!row.isDigest()) {
            return Uni.createFrom().item(() -> composer.notification(row, to));
        }
        return outbox.digestItems(row.accountId(), row.digestDay(), MailComposer.DIGEST_LINES)
                .flatMap(items -> outbox.digestCount(row.accountId(), row.digestDay())
                        .map(total -> composer.digest(row, to, items, total)));
    }

    /** The wait before attempt {@code attempts + 2}: the initial back-off doubled per failure, capped. */
    Duration backOff(int attempts) {
        Duration delay = config.initialBackOff().multipliedBy(1L << Math.min(attempts, 20));
        return delay.compareTo(config.maxBackOff()) > 0 ? config.maxBackOff() : delay;
    }

    private static String truncate(String error) {
        return error.length() > 500 ? error.substring(0, 500) : error;
    }
}
