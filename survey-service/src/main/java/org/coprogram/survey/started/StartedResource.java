package org.coprogram.survey.started;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.survey.survey.PublishedSurveys;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * A signed-in person opened a questionnaire's form: recorded (survey and account, nothing about answers) so that they
 * can be told once that it closes soon if they have not answered by then (docs/notifications.md). The account comes
 * from the token; nobody records a start for anyone else.
 */
@Cancellable(false)
@Path("/api")
@Tag(name = "Questionari", description = "Questionari del piano: bozze, pubblicazione, risposte, risultati aggregati")
public class StartedResource {

    private final PublishedSurveys surveys;
    private final StartedRepository started;
    private final Caller caller;
    private final Clock clock;

    public StartedResource(PublishedSurveys surveys, StartedRepository started, Caller caller, Clock clock) {
        this.surveys = surveys;
        this.started = started;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Path("surveys/{id}/started")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "startSurvey", summary = "Segna che ho aperto il modulo del questionario, per essere avvisato se sta per chiudere e non ho ancora risposto")
    @APIResponse(responseCode = "204", description = "Registrato (anche se già registrato prima)")
    public Uni<Void> start(@PathParam("id") String id) {
        UUID surveyId = PathIds.parse(id, "Questionario non trovato");
        String account = caller.accountId();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return surveys.current(surveyId).flatMap(survey -> {
            if (!survey.acceptsResponses(now)) {
                throw ProblemException.conflict("Il questionario è chiuso: non accetta più risposte");
            }
            return started.start(surveyId, account, now);
        });
    }
}
