package org.coprogram.survey.export;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.coprogram.common.export.PersonalDataStream;
import org.coprogram.common.export.PersonalDataStream.Section;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.survey.response.ResponseService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * survey-service's part of the caller's data export (GDPR art. 15/20, docs/privacy.md "Esportazione dei dati"): the
 * questionnaires they answered, with the answers of named ones only; never anything that links an anonymous answer to
 * the account. No parameter names a person.
 */
@Path("/api/me/export")
@Tag(name = "I miei dati", description = "Esportazione dei dati personali di chi chiama (GDPR art. 15 e 20)")
public class SurveyExportResource {

    private final SurveyExportRepository rows;
    private final Pseudonymizer pseudonyms;
    private final Caller caller;
    private final ObjectMapper json;

    public SurveyExportResource(SurveyExportRepository rows, Pseudonymizer pseudonyms, Caller caller,
            ObjectMapper json) {
        this.rows = rows;
        this.pseudonyms = pseudonyms;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("surveys")
    @RolesAllowed(Caller.PERSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportMySurveyData", summary = "I miei dati in survey-service: le ricevute dei questionari, con le risposte solo per quelli nominativi, in streaming")
    @APIResponse(responseCode = "200", description = "Un oggetto JSON: service, account e l'array surveyReceipts", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(name = "SurveyServicePersonalData", type = SchemaType.OBJECT)))
    public Multi<Buffer> export() {
        String account = caller.accountId();
        Uni<SurveyExportRepository.LedgerKeys> keys = rows
                .ledgerKeys(survey -> ResponseService.ledgerKey(pseudonyms, survey, account)).memoize().indefinitely();
        Map<String, Object> header = PersonalDataStream.header("survey-service", account);
        List<Section<?>> sections = List.of(Section.<MySurveyData>of("surveyReceipts",
                after -> keys.flatMap(k -> rows.receipts(k, after, PersonalDataStream.PAGE_SIZE))));
        return PersonalDataStream.response(json, header, sections);
    }
}
