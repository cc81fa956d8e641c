package org.coprogram.proposal.export;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * proposal-service's part of the caller's data export (GDPR art. 15/20, docs/privacy.md "Esportazione dei dati"):
 * everything it holds about the token's account, streamed a keyset page at a time. No parameter names a person.
 */
@Path("/api/me/export")
@Tag(name = "I miei dati", description = "Esportazione dei dati personali di chi chiama (GDPR art. 15 e 20)")
public class PersonalExportResource {

    private final PersonalExportRepository rows;
    private final Pseudonymizer pseudonyms;
    private final Caller caller;
    private final ObjectMapper json;

    public PersonalExportResource(PersonalExportRepository rows, Pseudonymizer pseudonyms, Caller caller,
            ObjectMapper json) {
        this.rows = rows;
        this.pseudonyms = pseudonyms;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("proposals")
    @RolesAllowed(Caller.PERSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportMyProposalData", summary = "I miei dati in proposal-service: proposte, adesioni, commenti, segnalazioni, organizzazioni rappresentate e azioni registrate, in streaming")
    @APIResponse(responseCode = "200", description = "Un oggetto JSON: service, account, pseudonym e un array per sezione", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(name = "ProposalServicePersonalData", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    public Multi<Buffer> export() {
        String account = caller.accountId();
        String pseudonym = pseudonyms.of(account);
        Map<String, Object> header = PersonalDataStream.header("proposal-service", account);
        header.put("pseudonym", pseudonym);
        List<Section<?>> sections = List.of(
                Section.<ExportRows.MyProposal>of("proposals", after -> rows.proposals(account, after,
                        PersonalDataStream.PAGE_SIZE)),
                Section.<ExportRows.MySupport>of("supports",
                        after -> rows.supports(pseudonym, after, PersonalDataStream.PAGE_SIZE)),
                Section.<ExportRows.MyComment>of("comments",
                        after -> rows.comments(account, after, PersonalDataStream.PAGE_SIZE)),
                Section.<ExportRows.MyFlag>of("flags",
                        after -> rows.flags(pseudonym, after, PersonalDataStream.PAGE_SIZE)),
                Section.<ExportRows.MyOrganisationClaim>of("organisationClaims",
                        after -> rows.organisationClaims(account, after, PersonalDataStream.PAGE_SIZE)),
                Section.<ExportRows.MyAction>of("actions",
                        after -> rows.actions(account, after, PersonalDataStream.PAGE_SIZE)));
        return PersonalDataStream.response(json, header, sections);
    }
}
