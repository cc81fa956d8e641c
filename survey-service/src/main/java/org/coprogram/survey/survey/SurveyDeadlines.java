package org.coprogram.survey.survey;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Closes surveys when their closing date passes; responses are refused from that instant even before this runs. */
@ApplicationScoped
public class SurveyDeadlines {

    private static final Logger LOG = Logger.getLogger(SurveyDeadlines.class);
    private final SurveyService surveys;

    public SurveyDeadlines(SurveyService surveys) {
        this.surveys = surveys;
    }

    @Scheduled(every = "${survey.deadline-check:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> closeDue() {
        return surveys.closeDue().invoke(closed -> {
            if (closed > 0) {
                LOG.infof("Closed %d survey(s) past their closing date", closed);
            }
        }).onFailure().invoke(e -> LOG.warn("Closing due surveys failed; retrying at the next round", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
