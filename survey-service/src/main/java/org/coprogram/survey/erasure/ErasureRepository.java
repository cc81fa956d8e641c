package org.coprogram.survey.erasure;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The statements of an erasure in survey-service. Call inside the erasure's transaction. */
@ApplicationScoped
public class ErasureRepository {

    /**
     * The questionnaires whose receipts an erasure removes: the closed ones. The ledger row of a questionnaire still
     * open is the only "one answer per person" guard (a keyed hash, never the account, beside no answer): removed,
     * the same login could erase and answer again, as often as it liked.
     */
    Uni<List<UUID>> closedSurveys() {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT id FROM survey WHERE status = 'CLOSED' ORDER BY id", UUID.class)
                .getResultList());
    }

    /** The questionnaires the person opened and the sent markers of their closing-soon notices. */
    Uni<Void> deleteStarted(String accountId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM survey_started WHERE account_id = :account")
                .setParameter("account", accountId).executeUpdate()).replaceWithVoid();
    }

    /** The receipts: one ledger row per survey, found by its key (a hash of survey and account). */
    Uni<Void> deleteReceipts(List<UUID> surveys, List<String> keys) {
        if (surveys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                DELETE FROM respondent r USING unnest(cast(:surveys AS uuid[]), cast(:keys AS text[]))
                    AS k(survey_id, respondent_key)
                WHERE r.survey_id = k.survey_id AND r.respondent_key = k.respondent_key""")
                .setParameter("surveys", surveys.toArray(UUID[]::new))
                .setParameter("keys", keys.toArray(String[]::new)).executeUpdate()).replaceWithVoid();
    }

    /** Named answers keep their place under a fresh random pseudonym; surveys the person created keep the marker. */
    Uni<Void> forgetRows(String accountId, String pseudonym, String marker) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE response SET pseudonym = replace(gen_random_uuid()::text, '-', '')
                WHERE pseudonym = :pseudonym""").setParameter("pseudonym", pseudonym).executeUpdate()
                .chain(() -> session.createNativeQuery(
                        "UPDATE survey SET created_by = :marker WHERE created_by = :account")
                        .setParameter("account", accountId).setParameter("marker", marker).executeUpdate()))
                .replaceWithVoid();
    }
}
