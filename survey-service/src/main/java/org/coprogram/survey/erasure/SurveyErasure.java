package org.coprogram.survey.erasure;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.personal.AccountErasure;
import org.coprogram.common.personal.ErasedTracesRepository;
import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.survey.response.ResponseService;

import io.smallrye.mutiny.Uni;

/**
 * What survey-service forgets of a person (docs/privacy.md, "Cancellazione (art. 17)"), in the caller's transaction.
 * It never stores the account: the receipts (the {@code respondent} ledger, keyed by a hash of survey and account) are
 * deleted, and named answers (non-anonymous surveys, whose pseudonym is derived from the account) get a fresh random
 * pseudonym. The answers themselves stay in the results under both choices: an answer cannot be withdrawn by its
 * author either, and the counts published from them stay as they are. Anonymous answers were never linked to anyone.
 */
@ApplicationScoped
public class SurveyErasure implements AccountErasure {

    private final Pseudonymizer pseudonyms;
    private final ErasedTracesRepository traces;
    private final ErasureRepository rows;

    public SurveyErasure(Pseudonymizer pseudonyms, ErasedTracesRepository traces, ErasureRepository rows) {
        this.rows = rows;
        this.pseudonyms = pseudonyms;
        this.traces = traces;
    }

    @Override
    public Uni<Void> forget(ErasureEvents.Requested request) {
        String account = request.accountId();
        return rows.closedSurveys()
                .flatMap(surveys -> rows.deleteReceipts(surveys, surveys.stream()
                        .map(id -> ResponseService.ledgerKey(pseudonyms, id, account)).toList()))
                .chain(() -> rows.deleteStarted(account))
                .chain(() -> rows.forgetRows(account, pseudonyms.of(account),
                        ErasureEvents.erasedActor(request.erasureId())))
                .chain(() -> traces.forget(account, request.erasureId()));
    }
}
