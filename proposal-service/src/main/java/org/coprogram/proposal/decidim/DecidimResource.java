package org.coprogram.proposal.decidim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/** Decidim interoperability (docs/decidim.md): imports of Decidim open-data exports, and our data in that format. */
@Cancellable(false)
@Path("/api")
@Tag(name = "Decidim", description = "Importazione dei dati aperti di Decidim in un piano ed esportazione del piano nello stesso formato")
public class DecidimResource {

    static final String PLAN_NOT_FOUND = "Piano non trovato";

    @Inject
    IdempotentCreates creates;

    private final DecidimImportService imports;
    private final DecidimExportService exports;
    private final Caller caller;
    private final DecidimConfig config;

    public DecidimResource(DecidimImportService imports, DecidimExportService exports, Caller caller,
            DecidimConfig config) {
        this.imports = imports;
        this.exports = exports;
        this.caller = caller;
        this.config = config;
    }

    /** The multipart body: one or more {@code file} parts and an optional {@code mapping} part. */
    @Schema(name = "DecidimImportUpload", description = "Lo zip dei dati aperti di Decidim o i suoi CSV (parti file), e la mappatura facoltativa (JSON)")
    public static class DecidimImportUpload {

        @RestForm("file")
        @Schema(type = SchemaType.ARRAY, implementation = String.class, format = "binary", description = "Lo zip dei dati aperti o i suoi CSV, una o più parti")
        public List<FileUpload> file;

        @RestForm("mapping")
        @Schema(type = SchemaType.STRING, description = "JSON: {locale, categories: {idDecidim: codiceArea}, scopes: {idDecidim: codiceIstat}, taxonomies: {...}, defaultTheme, defaultMunicipality}")
        public String mapping;
    }

    @POST
    @Path("plans/{planId}/imports/decidim")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "importDecidim", summary = "Importa nel piano i dati aperti di un processo Decidim (personale della Regione del piano); l'importazione avviene in seguito, tutta o niente")
    @APIResponse(responseCode = "202", description = "Importazione accettata: seguirne l'esito in Location", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportView.ImportAccepted.class)))
    public Uni<Response> importDecidim(@PathParam("planId") String planId,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            DecidimImportUpload upload) {
        UUID plan = PathIds.parse(planId, PLAN_NOT_FOUND);
        List<FileUpload> parts = upload == null || upload.file == null ? List.of() : upload.file;
        if (parts.size() > config.maxParts()) {
            throw ProblemException.badRequest("Troppi file in una richiesta",
                    List.of(new Violation("file", "al massimo " + config.maxParts() + " file")));
        }
        List<DecidimOpenData.Upload> files = new ArrayList<>();
        for (FileUpload part : parts) {
            if (part.size() > config.maxFileBytes()) {
                throw ProblemException.badRequest("File troppo grande", List.of(new Violation("file",
                        part.fileName() + ": al massimo " + (config.maxFileBytes() >> 20) + " MiB")));
            }
            files.add(new DecidimOpenData.Upload(part.fileName() == null ? part.name() : part.fileName(),
                    read(part)));
        }
        String mapping = upload == null ? null : upload.mapping;
        return creates.create("decidim.import", idempotencyKey, List.of(plan, fingerprint(files, mapping)),
                () -> imports.accept(plan, files, mapping, caller)
                        .map(id -> Response.accepted(new ImportView.ImportAccepted(id))
                                .header(HttpHeaders.LOCATION, "/api/imports/" + id).build()));
    }

    /**
     * A request that is not {@code multipart/form-data} (or has no body): who may not import is refused as such
     * first (401, 403), then the plan's staff learn the format expected (415). Not in the API document: the same
     * operation as {@link #importDecidim}.
     */
    @POST
    @Path("plans/{planId}/imports/decidim")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(hidden = true)
    public Uni<Response> importDecidimNotMultipart(@PathParam("planId") String planId) {
        UUID plan = PathIds.parse(planId, PLAN_NOT_FOUND);
        return imports.authorize(plan, caller).map(allowed -> {
            throw new ProblemException(415, "Formato non supportato", "Invia i file come multipart/form-data: una o"
                    + " più parti \"file\" e, facoltativa, la parte \"mapping\"",
                    List.of(new Violation("file",
                            "almeno un file è obbligatorio")));
        });
    }

    @GET
    @Path("imports/{id}")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "getImport", summary = "Stato ed esito di un'importazione: conteggi per tipo e problemi con file, riga e colonna (personale della Regione del piano)")
    public Uni<ImportView> get(@PathParam("id") String id) {
        return imports.view(PathIds.parse(id, DecidimImportService.NOT_FOUND), caller);
    }

    @GET
    @Path("plans/{planId}/exports/decidim")
    @PermitAll
    @Produces("application/zip")
    @Operation(operationId = "exportDecidim", summary = "I dati pubblici del piano come dati aperti in formato Decidim (zip di CSV separati da punto e virgola)")
    @APIResponse(responseCode = "200", description = "Lo zip", content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Uni<Response> export(@PathParam("planId") String planId) {
        UUID plan = PathIds.parse(planId, PLAN_NOT_FOUND);
        return exports.export(plan).map(zip -> Response.ok(zip.bytes(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + zip.name() + "\"").build());
    }

    private static byte[] read(FileUpload part) {
        try {
            return Files.readAllBytes(part.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a retry with the same Idempotency-Key must send again: the files' and the mapping's digest. */
    private static String fingerprint(List<DecidimOpenData.Upload> files, String mapping) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (DecidimOpenData.Upload file : files) {
                digest.update(file.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.content());
                digest.update((byte) 0);
            }
            if (mapping != null) {
                digest.update(mapping.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
