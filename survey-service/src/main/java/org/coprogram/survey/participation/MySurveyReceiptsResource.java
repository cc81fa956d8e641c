package org.coprogram.survey.participation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.survey.response.ResponseService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * survey-service's part of "La mia partecipazione" (docs/dialogue-participation.md): the questionnaires the caller
 * answered, never the answers, never anyone else's (the account comes from the token).
 */
@Cancellable(false)
@Path("/api/me")
@Tag(name = "La mia partecipazione", description = "Quello che la persona ha fatto sulla piattaforma, solo per lei")
public class MySurveyReceiptsResource {

    private final MySurveyReceiptRepository receipts;
    private final Pseudonymizer pseudonyms;
    private final Caller caller;

    public MySurveyReceiptsResource(MySurveyReceiptRepository receipts, Pseudonymizer pseudonyms, Caller caller) {
        this.receipts = receipts;
        this.pseudonyms = pseudonyms;
        this.caller = caller;
    }

    @GET
    @Path("survey-receipts")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "listMySurveyReceipts", summary = "Le ricevute dei questionari a cui ho risposto, senza le risposte; per quelli anonimi solo che la risposta è registrata")
    public Uni<Page<MySurveyReceipt>> receipts(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        String account = caller.accountId();
        return receipts.of(survey -> ResponseService.ledgerKey(pseudonyms, survey, account),
                PageRequest.of(page, size));
    }
}
