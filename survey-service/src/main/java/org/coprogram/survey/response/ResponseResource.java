package org.coprogram.survey.response;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api")
@Tag(name = "Questionari", description = "Questionari del piano: bozze, pubblicazione, risposte, risultati aggregati")
public class ResponseResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private final ResponseService service;
    private final Caller caller;

    public ResponseResource(ResponseService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("surveys/{id}/responses")
    // People answer, not partner systems: a partner's service account is authenticated but is no respondent.
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "submitSurveyResponse", summary = "Risponde al questionario, una volta per persona; ripetere con la stessa Idempotency-Key "
            + "restituisce l'esito della prima richiesta")
    @APIResponse(responseCode = "201", description = "La ricevuta della risposta", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class)))
    @APIResponse(responseCode = "200", description = "La ricevuta della risposta già data con la stessa Idempotency-Key (Idempotent-Replayed: true)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class)))
    public Uni<Response> respond(@PathParam("id") String id, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") ResponseRequest body) {
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.badRequest("Idempotency-Key non valida", List.of(new Violation(IDEMPOTENCY_KEY,
                    "da 1 a 200 caratteri ASCII stampabili, senza spazi")));
        }
        return service.submit(PathIds.parse(id, "Questionario non trovato"), body, caller, idempotencyKey)
                .map(outcome -> outcome.created()
                        ? Response.status(Response.Status.CREATED).entity(outcome.receipt()).build()
                        : Response.ok(outcome.receipt()).header("Idempotent-Replayed", "true").build());
    }
}
