package org.coprogram.survey.survey;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The queries over {@link Survey}; call within the caller's session. */
@ApplicationScoped
public class SurveyRepository {

    /** The survey, or null if unknown. */
    public Uni<Survey> find(UUID id) {
        return Survey.findById(id);
    }

    /** The survey with its row lock taken, or null if unknown. */
    public Uni<Survey> lock(UUID id) {
        return Survey.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The published surveys whose closing date is at or before {@code now}, locked: a second replica waits, and
     * PostgreSQL then re-checks the condition on the closed row.
     */
    public Uni<List<Survey>> lockDue(OffsetDateTime now) {
        return Survey.<Survey>find("status = :published and closesAt <= :now",
                Parameters.with("published", SurveyStatus.PUBLISHED).and("now", now))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Forgets who opened the survey without answering (docs/privacy.md): called as it closes, in its transaction, since
     * a closed survey takes no answer and its closing-soon notice is past.
     */
    public Uni<Void> forgetStarted(UUID surveyId) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .flatMap(session -> session.createNativeQuery("DELETE FROM survey_started WHERE survey_id = :id")
                        .setParameter("id", surveyId).executeUpdate())
                .replaceWithVoid();
    }

    /** A plan's surveys, newest first; drafts only if {@code withDrafts}. */
    public Uni<Page<Survey>> ofPlan(UUID planId, boolean withDrafts, PageRequest page) {
        Sort newestFirst = Sort.descending("createdAt").and("id");
        var found = withDrafts
                ? Survey.<Survey>find("planId", newestFirst, planId)
                : Survey.<Survey>find("planId = ?1 and status <> ?2", newestFirst, planId, SurveyStatus.DRAFT);
        return found.page(page.page(), page.size()).list()
                .flatMap(items -> found.count().map(total -> new Page<>(items, page.page(), page.size(), total)));
    }
}
