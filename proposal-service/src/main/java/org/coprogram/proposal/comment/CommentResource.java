package org.coprogram.proposal.comment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.proposal.moderation.NewFlag;
import org.coprogram.proposal.proposal.Author;
import org.coprogram.proposal.proposal.Viewer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/** Comments on proposals, meetings, published social reports and plan measures (docs/dialogue.md). */
@Cancellable(false)
@Path("/api")
@Tag(name = "Commenti", description = "Commenti e risposte su proposte, incontri, relazioni sociali e interventi del piano")
public class CommentResource {

    static final int MAX_COUNT_IDS = 100;

    @Inject
    IdempotentCreates creates;

    private final CommentService service;
    private final Caller caller;
    private final Pseudonymizer pseudonymizer;

    public CommentResource(CommentService service, Caller caller, Pseudonymizer pseudonymizer) {
        this.service = service;
        this.caller = caller;
        this.pseudonymizer = pseudonymizer;
    }

    @GET
    @Path("proposals/{id}/comments")
    @PermitAll
    @Operation(operationId = "listProposalComments", summary = "I commenti a una proposta, con le risposte (dal più vecchio)")
    public Uni<Page<CommentView>> proposalComments(@PathParam("id") String id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return list(TargetType.PROPOSAL, id, page, size);
    }

    @POST
    @Path("proposals/{id}/comments")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "commentProposal", summary = "Commenta una proposta o rispondi a un commento")
    @APIResponse(responseCode = "201", description = "Il commento pubblicato", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentView.class)))
    public Uni<Response> commentProposal(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewComment body) {
        return create(TargetType.PROPOSAL, id, idempotencyKey, body);
    }

    @GET
    @Path("meetings/{id}/comments")
    @PermitAll
    @Operation(operationId = "listMeetingComments", summary = "I commenti a un incontro, con le risposte (dal più vecchio)")
    public Uni<Page<CommentView>> meetingComments(@PathParam("id") String id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return list(TargetType.MEETING, id, page, size);
    }

    @POST
    @Path("meetings/{id}/comments")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "commentMeeting", summary = "Commenta un incontro (non annullato) o rispondi a un commento")
    @APIResponse(responseCode = "201", description = "Il commento pubblicato", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentView.class)))
    public Uni<Response> commentMeeting(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewComment body) {
        return create(TargetType.MEETING, id, idempotencyKey, body);
    }

    @GET
    @Path("social-reports/{id}/comments")
    @PermitAll
    @Operation(operationId = "listSocialReportComments", summary = "I commenti a una relazione sociale pubblicata, con le risposte")
    public Uni<Page<CommentView>> socialReportComments(@PathParam("id") String id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return list(TargetType.SOCIAL_REPORT, id, page, size);
    }

    @POST
    @Path("social-reports/{id}/comments")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "commentSocialReport", summary = "Commenta una relazione sociale pubblicata o rispondi a un commento")
    @APIResponse(responseCode = "201", description = "Il commento pubblicato", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentView.class)))
    public Uni<Response> commentSocialReport(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewComment body) {
        return create(TargetType.SOCIAL_REPORT, id, idempotencyKey, body);
    }

    @GET
    @Path("measures/{id}/comments")
    @PermitAll
    @Operation(operationId = "listMeasureComments", summary = "I commenti a un intervento del piano, con il brano citato ritrovato nell'ultima versione")
    public Uni<Page<CommentView>> measureComments(@PathParam("id") String id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return list(TargetType.MEASURE, id, page, size);
    }

    @POST
    @Path("measures/{id}/comments")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "commentMeasure", summary = "Commenta un intervento del piano, citandone un brano (anchor), finché il piano non è adottato")
    @APIResponse(responseCode = "201", description = "Il commento pubblicato", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentView.class)))
    public Uni<Response> commentMeasure(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewComment body) {
        return create(TargetType.MEASURE, id, idempotencyKey, body);
    }

    @PATCH
    @Path("comments/{id}")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "editComment", summary = "L'autore modifica il commento, entro il tempo previsto")
    public Uni<CommentView> edit(@PathParam("id") String id,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") CommentEdit body) {
        return service.edit(PathIds.parse(id, CommentService.NOT_FOUND), body, caller.accountId());
    }

    @DELETE
    @Path("comments/{id}")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "deleteComment", summary = "L'autore elimina il commento (resta un segnaposto se ha risposte)")
    @APIResponse(responseCode = "204", description = "Il commento è eliminato")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(PathIds.parse(id, CommentService.NOT_FOUND), caller.accountId())
                .map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("comments/{id}/flags")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "flagComment", summary = "Segnala un commento ai moderatori (una volta per persona)")
    @APIResponse(responseCode = "201", description = "La segnalazione registrata", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewFlag.class)))
    public Uni<Response> flag(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewFlag body) {
        UUID comment = PathIds.parse(id, CommentService.NOT_FOUND);
        String flagger = pseudonymizer.of(caller.accountId());
        String accountId = caller.accountId();
        return creates.create("comment.flag", idempotencyKey, List.of(comment, body),
                () -> service.flag(comment, body, flagger, accountId)
                        .map(ignored -> Response.status(201).entity(body).build()));
    }

    @POST
    @Path("comments/{id}/moderation")
    @RolesAllowed(Caller.MODERATOR)
    @Operation(operationId = "moderateComment", summary = "Decisione del moderatore della Regione: nascondere (HIDE) o ripristinare (RESTORE) un commento, con un motivo")
    public Uni<CommentView> moderate(@PathParam("id") String id,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") CommentModeration body) {
        return service.moderate(PathIds.parse(id, CommentService.NOT_FOUND), body, caller);
    }

    @GET
    @Path("plans/{planId}/comment-moderation-queue")
    @RolesAllowed(Caller.MODERATOR)
    @Tag(name = "Moderazione")
    @Operation(operationId = "getCommentModerationQueue", summary = "Coda di moderazione dei commenti di un piano: segnalati e non ancora esaminati (FLAGGED), o nascosti (HIDDEN)")
    public Uni<Page<CommentQueueItem>> moderationQueue(@PathParam("planId") String planId,
            @Parameter(description = "FLAGGED (predefinito) o HIDDEN") @QueryParam("status") String status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        UUID plan = PathIds.parse(planId, "Piano non trovato");
        PageRequest request = PageRequest.of(page, size);
        return service.queue(plan, queueFilter(status), request, caller);
    }

    private static CommentRepository.QueueFilter queueFilter(String value) {
        if (value == null || value.isBlank()) {
            return CommentRepository.QueueFilter.FLAGGED;
        }
        try {
            return CommentRepository.QueueFilter.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "indica FLAGGED o HIDDEN");
        }
    }

    @GET
    @Path("comments/counts")
    @PermitAll
    @Operation(operationId = "countComments", summary = "Quanti commenti pubblici hanno gli oggetti indicati (fino a 100 id, separati da virgole)")
    public Uni<CommentCounts> counts(
            @Parameter(description = "PROPOSAL, MEETING, SOCIAL_REPORT o MEASURE") @QueryParam("targetType") String targetType,
            @Parameter(description = "Gli id, separati da virgole") @QueryParam("ids") String ids) {
        TargetType type = targetType(targetType);
        List<UUID> parsed = new ArrayList<>();
        if (ids != null && !ids.isBlank()) {
            for (String part : ids.split(",")) {
                try {
                    parsed.add(UUID.fromString(part.strip()));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalidField("ids", "non è un id valido: " + part.strip());
                }
            }
        }
        if (parsed.size() > MAX_COUNT_IDS) {
            throw ProblemException.invalidField("ids", "al massimo " + MAX_COUNT_IDS + " id per richiesta");
        }
        return service.counts(type, parsed.stream().distinct().toList());
    }

    private static TargetType targetType(String value) {
        try {
            return TargetType.valueOf(Optional.ofNullable(value).orElse("").strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("targetType",
                    "indica PROPOSAL, MEETING, SOCIAL_REPORT o MEASURE");
        }
    }

    private Uni<Page<CommentView>> list(TargetType type, String id, Integer page, Integer size) {
        return service.list(type, PathIds.parse(id, type.notFound()), PageRequest.of(page, size), Viewer.of(caller));
    }

    private Uni<Response> create(TargetType type, String id, String idempotencyKey, NewComment body) {
        UUID target = PathIds.parse(id, type.notFound());
        Author author = new Author(caller.accountId(), pseudonymizer.of(caller.accountId()),
                caller.stakeholderCategory(), caller.organization());
        return creates.create("comment.create", idempotencyKey, List.of(type, target, body),
                () -> service.create(type, target, body, author)
                        .map(comment -> Response.status(201).entity(comment).build()));
    }
}
