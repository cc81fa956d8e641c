package org.coprogram.survey.response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.territory.Municipality;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.survey.response.ResponseEvents.Profile;
import org.coprogram.survey.started.StartedRepository;
import org.coprogram.survey.survey.PublishedSurvey;
import org.coprogram.survey.survey.PublishedSurveys;
import org.coprogram.survey.survey.SurveyEvents;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * One response per person and survey, under any concurrency: the {@code respondent} row's primary key (survey, keyed
 * hash of the account) admits one insert; a concurrent second one waits for it and then inserts nothing. In a named
 * survey the response and its event are written by the same statement ({@link ResponseRepository}); in an anonymous
 * one that statement writes only a pending response, which {@link ResponseMixer} publishes later among others.
 */
@ApplicationScoped
public class ResponseService {

    /** The response and whether this request recorded it (false: an idempotent replay). */
    public record Outcome(Receipt receipt, boolean created) {
    }

    private final PublishedSurveys surveys;
    private final Pseudonymizer pseudonyms;
    private final Outbox outbox;
    private final ResponseRepository recorder;
    private final PlanViews plans;
    private final Clock clock;
    private final StartedRepository started;

    public ResponseService(PublishedSurveys surveys, Pseudonymizer pseudonyms,
            Outbox outbox, ResponseRepository recorder,
            PlanViews plans,
            Clock clock, StartedRepository started) {
        this.clock = clock;
        this.started = started;
        this.plans = plans;
        this.surveys = surveys;
        this.pseudonyms = pseudonyms;
        this.outbox = outbox;
        this.recorder = recorder;
    }

    public Uni<Outcome> submit(UUID surveyId, ResponseRequest request, Caller caller, String idempotencyKey) {
        return surveys.find(surveyId).flatMap(survey -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            requireOpen(survey, now);
            Function<String, Optional<Municipality>> municipalities = code -> survey.territory()
                    .municipalityIn(survey.region(), code);
            AnswerSheet sheet = AnswerSheet.check(survey.questions(), request.answers(), municipalities);
            Respondent respondent = respondent(survey, caller, place(survey, request, sheet));
            // The definition may come from memory: whether the survey still accepts responses and its plan is still
            // in consultation is checked again by the insert itself, atomically.
            return (survey.anonymous()
                    ? submitAnonymous(survey, respondent, sheet, idempotencyKey, now)
                    : submitNamed(survey, respondent, sheet, idempotencyKey, now))
                    // Answered: whether they had opened the form is no longer kept (docs/notifications.md).
                    .call(outcome -> started.forget(surveyId, caller.accountId()));
        });
    }

    private Uni<Outcome> submitNamed(PublishedSurvey survey, Respondent respondent, AnswerSheet sheet,
            String idempotencyKey, OffsetDateTime now) {
        ResponseRepository.Entry entry = entry(survey, respondent, sheet, idempotencyKey, now);
        return recorder.insert(entry).flatMap(inserted -> inserted
                ? Uni.createFrom().item(new Outcome(receipt(survey, entry.responseId(), entry.submittedAt()), true))
                : notRecorded(survey, respondent.key(), idempotencyKey, entry.requestHash()));
    }

    /**
     * Accepted now, published later: the response waits, without time or id, until {@link ResponseMixer} shuffles it
     * among others. The receipt names nothing, so it is the same for the first request and for any replay.
     */
    private Uni<Outcome> submitAnonymous(PublishedSurvey survey, Respondent respondent, AnswerSheet sheet,
            String idempotencyKey, OffsetDateTime now) {
        ResponseRepository.Pending pending = new ResponseRepository.Pending(survey.id(), survey.version(),
                respondent.key(), idempotencyKey, sheet.answers().toString(), sheet.tallies(), respondent.profile(),
                now);
        return recorder.insertPending(pending).flatMap(inserted -> inserted
                ? Uni.createFrom().item(new Outcome(receipt(survey, null, null), true))
                : notRecorded(survey, respondent.key(), idempotencyKey, null));
    }

    private ResponseRepository.Entry entry(PublishedSurvey survey, Respondent respondent, AnswerSheet sheet,
            String idempotencyKey, OffsetDateTime now) {
        UUID responseId = UUID.randomUUID();
        Profile profile = respondent.profile();
        OutboxEvent event = outbox.event(SurveyEvents.RESPONSES_TOPIC, SurveyEvents.RESPONSE_SUBMITTED,
                survey.id().toString(),
                survey.planId().toString(),
                new ResponseEvents.Submitted(survey.id(), survey.planId(), responseId, survey.version(),
                        respondent.pseudonym(), false, sheet.answers(), profile, now));
        return new ResponseRepository.Entry(survey.id(), survey.version(), respondent, idempotencyKey,
                hash(sheet, profile), responseId, sheet.answers().toString(), sheet.tallies(), now, event);
    }

    /** Nothing inserted: closed meanwhile, the plan left consultation, or this person already answered. */
    private Uni<Outcome> notRecorded(PublishedSurvey survey, String key, String idempotencyKey, String hash) {
        return Panache.withSession(() -> surveys.current(survey.id()).flatMap(current -> {
            requireOpen(current, OffsetDateTime.now(clock));
            return plans.requireConsultation(survey.planId());
        })).flatMap(open -> recorder.ledger(survey.id(), key)).map(first -> replay(survey, first, idempotencyKey,
                hash));
    }

    /**
     * Same Idempotency-Key (and, in a named survey, same answers): the first outcome again. Anything else: already
     * answered. An anonymous survey keeps no trace of the answers, so there the same key with other answers cannot be
     * told from a plain repetition: it too gets the first receipt, which names nothing, and changes nothing.
     */
    private static Outcome replay(PublishedSurvey survey, ResponseRepository.LedgerEntry first, String idempotencyKey,
            String hash) {
        if (idempotencyKey == null || !idempotencyKey.equals(first.idempotencyKey())) {
            throw ProblemException.conflict("Hai già risposto a questo questionario: si risponde una volta sola");
        }
        if (!survey.anonymous() && !hash.equals(first.requestHash())) {
            throw new ProblemException(422, "Idempotency-Key già usata",
                    "La stessa Idempotency-Key è stata usata con risposte diverse",
                    List.of(new Violation("Idempotency-Key", "chiave già usata per un'altra richiesta")));
        }
        return new Outcome(receipt(survey, first.responseId(), first.submittedAt()), false);
    }

    private Respondent respondent(PublishedSurvey survey, Caller caller, Municipality place) {
        StakeholderCategory category = caller.stakeholderCategory().orElse(StakeholderCategory.CITIZEN);
        Profile profile = place == null
                ? new Profile(null, null, null, category)
                : new Profile(place.istatCode(), place.districtCode(), place.provinceCode(), category);
        String key = ledgerKey(pseudonyms, survey.id(), caller.accountId());
        // An anonymous response gets a random pseudonym only when it is mixed, so none is known at this point.
        String pseudonym = survey.anonymous() ? null : pseudonyms.of(caller.accountId());
        return new Respondent(key, pseudonym, profile);
    }

    /** The ledger's key of an account in a survey: {@code HMAC(key, survey + account)}, never the account itself. */
    public static String ledgerKey(Pseudonymizer pseudonyms, UUID surveyId, String accountId) {
        return pseudonyms.of("survey:" + surveyId + ":" + accountId);
    }

    private Municipality place(PublishedSurvey survey, ResponseRequest request, AnswerSheet sheet) {
        if (request.municipality() == null) {
            return sheet.municipality().orElse(null);
        }
        return survey.territory().requireMunicipalityIn(survey.region(), request.municipality(), "municipality");
    }

    private static void requireOpen(PublishedSurvey survey, OffsetDateTime now) {
        if (!survey.acceptsResponses(now)) {
            throw ProblemException.conflict("Il questionario è chiuso: non accetta più risposte");
        }
    }

    private static Receipt receipt(PublishedSurvey survey, UUID responseId, OffsetDateTime submittedAt) {
        return survey.anonymous()
                ? new Receipt(survey.id(), survey.version(), true, null, null, Receipt.RECORDED_ANONYMOUS)
                : new Receipt(survey.id(), survey.version(), false, responseId, submittedAt, Receipt.RECORDED);
    }

    private String hash(AnswerSheet sheet, Profile profile) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((sheet.answers() + "|" + profile.municipality()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
