package org.coprogram.common.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coprogram.common.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every service's OpenAPI document says the same way, in one place (registered as {@code mp.openapi.filter} in
 * common's configuration, applied when a service is built):
 * <ul>
 * <li>every operation has an {@code operationId} and a tag, or the build fails naming the operations that lack them
 * (clients generated from the document name their methods after them);</li>
 * <li>an operation without a security requirement (the {@code @PermitAll} reads) is marked as open to anonymous callers,
 * a bearer token being optional ({@code security: [{}, {bearer: []}]}); the others keep the requirement Quarkus derives
 * from {@code @RolesAllowed} (scheme {@link #SCHEME}, the roles as its list);</li>
 * <li>errors are RFC 9457 problems ({@code application/problem+json}, schema {@code Problem}): 400 for an operation
 * that takes a body or query or header parameters, 404 for one on a path with an identifier, 401 and 403 for a
 * secured one, 500 for all; a 4xx or 5xx a resource documents itself keeps its description and gets the schema.</li>
 * </ul>
 */
public class ApiDocumentFilter implements OASFilter {

    /** The bearer (OIDC access token) security scheme's name, as {@code quarkus.smallrye-openapi.security-scheme-name}. */
    public static final String SCHEME = "bearer";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    private static final Set<String> GENERIC_DESCRIPTIONS = Set.of("Bad Request", "Not Authorized", "Not Allowed",
            "Not Found", "Internal Server Error");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema("Violation", violation());
        components.addSchema("FileError", fileError());
        components.addSchema(PROBLEM, problem());
        List<String> incomplete = new ArrayList<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                    .forEach((method, operation) -> document(path, method, operation, incomplete)));
        }
        if (!incomplete.isEmpty()) {
            throw new IllegalStateException("OpenAPI: every operation needs @Operation(operationId = …) and a @Tag;"
                    + " these lack one: " + String.join(", ", incomplete));
        }
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation,
            List<String> incomplete) {
        if (operation.getOperationId() == null || operation.getOperationId().isBlank() || operation.getTags() == null
                || operation.getTags().isEmpty()) {
            incomplete.add(method + " " + path);
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (!secured) {
            operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement(),
                    OASFactory.createSecurityRequirement().addScheme(SCHEME))));
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (operation.getRequestBody() != null || hasParameterIn(operation, Parameter.In.QUERY)
                || hasParameterIn(operation, Parameter.In.HEADER)) {
            addIfAbsent(responses, "400", "Richiesta non valida: il problema elenca i campi errati (violations)");
        }
        if (path.contains("{")) {
            addIfAbsent(responses, "404", "Risorsa non trovata");
        }
        if (secured) {
            addIfAbsent(responses, "401", "Token assente, scaduto o non valido");
            addIfAbsent(responses, "403", "Il ruolo o l'ambito di chi chiama non lo permette");
        }
        addIfAbsent(responses, "500", "Errore interno");
        Map<String, APIResponse> all = responses.getAPIResponses();
        all.forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getRef() == null) {
                response.setContent(problemContent());
            }
        });
    }

    private static boolean hasParameterIn(Operation operation, Parameter.In in) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == in);
    }

    /** Adds the response, or gives Quarkus's generic English description of it (e.g. "Not Allowed") ours. */
    private static void addIfAbsent(APIResponses responses, String code, String description) {
        APIResponse existing = responses.getAPIResponse(code);
        if (existing == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        } else if (GENERIC_DESCRIPTIONS.contains(existing.getDescription())) {
            existing.setDescription(description);
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Schema problem() {
        return object("Un problema (RFC 9457), in italiano")
                .addProperty("type", string("URI del tipo di problema"))
                .addProperty("title", string("Titolo breve"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .format("int32").description("Codice di stato HTTP"))
                .addProperty("detail", string("Spiegazione per chi ha fatto la richiesta"))
                .addProperty("instance", string("Il percorso della richiesta"))
                .addProperty("violations", array("#/components/schemas/Violation", "Gli errori per campo"))
                .addProperty("errors", array("#/components/schemas/FileError",
                        "Gli errori di un file rifiutato (al più un numero limitato)"))
                .addProperty("errorCount", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .format("int32").description("Quanti errori ha il file rifiutato, in tutto"))
                .required(List.of("title", "status"));
    }

    private static Schema violation() {
        return object("L'errore di un campo").addProperty("field", string("Percorso JSON del campo"))
                .addProperty("message", string("Il motivo")).required(List.of("field", "message"));
    }

    private static Schema fileError() {
        return object("Un errore di un file caricato")
                .addProperty("line", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("La riga (1 è l'intestazione); assente per il file nel suo insieme"))
                .addProperty("column", string("La colonna; assente per la riga intera"))
                .addProperty("reason", string("Il motivo")).required(List.of("reason"));
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(description);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Schema array(String itemsRef, String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .items(OASFactory.createSchema().ref(itemsRef)).description(description);
    }
}
