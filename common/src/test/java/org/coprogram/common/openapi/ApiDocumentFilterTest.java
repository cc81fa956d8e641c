package org.coprogram.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

class ApiDocumentFilterTest {

    @Test
    void anOperationWithoutSecurityIsMarkedOpenToAnonymousCallersWithAnOptionalBearerToken() {
        Operation read = operation("getProposal");

        filter("/api/proposals/{id}", read);

        assertThat(read.getSecurity()).hasSize(2);
        assertThat(read.getSecurity().get(0).getSchemes()).isEmpty();
        assertThat(read.getSecurity().get(1).getSchemes()).containsOnlyKeys(ApiDocumentFilter.SCHEME);
        assertThat(read.getResponses().getAPIResponses()).containsKeys("404", "500").doesNotContainKeys("401", "403");
    }

    @Test
    void aSecuredOperationKeepsItsRequirementAndDocumentsEveryErrorAsAProblem() {
        Operation create = operation("submitProposal")
                .requestBody(OASFactory.createRequestBody())
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(ApiDocumentFilter.SCHEME,
                        "person"));
        create.getResponses().addAPIResponse("403", OASFactory.createAPIResponse().description("Not Allowed"));

        filter("/api/plans/{planId}/proposals", create);

        assertThat(create.getSecurity()).hasSize(1);
        assertThat(create.getSecurity().get(0).getScheme(ApiDocumentFilter.SCHEME)).containsExactly("person");
        assertThat(create.getResponses().getAPIResponses()).containsKeys("400", "401", "403", "404", "500");
        create.getResponses().getAPIResponses().forEach((code, response) -> {
            if (!code.startsWith("2")) {
                assertThat(response.getContent().getMediaType("application/problem+json").getSchema().getRef())
                        .isEqualTo("#/components/schemas/Problem");
                assertThat(response.getDescription()).isNotEqualTo("Not Allowed");
            }
        });
    }

    @Test
    void aQueryParameterMeansA400AndAPathWithoutIdentifierNo404() {
        Operation list = operation("listPlans").addParameter(OASFactory.createParameter().name("page")
                .in(Parameter.In.QUERY));

        filter("/api/plans", list);

        assertThat(list.getResponses().getAPIResponses()).containsKeys("400", "500").doesNotContainKey("404");
    }

    @Test
    void theProblemSchemaIsPublishedWithItsFieldErrors() {
        OpenAPI document = filter("/api/plans", operation("listPlans"));

        assertThat(document.getComponents().getSchemas()).containsKeys("Problem", "Violation", "FileError");
        assertThat(document.getComponents().getSchemas().get("Problem").getProperties()).containsKeys("title",
                "status", "detail", "violations", "errors");
    }

    @Test
    void anOperationWithoutOperationIdOrTagFailsTheBuildNamingIt() {
        Operation unnamed = OASFactory.createOperation().tags(List.of("Piani"))
                .responses(OASFactory.createAPIResponses());
        Operation untagged = OASFactory.createOperation().operationId("listPlans")
                .responses(OASFactory.createAPIResponses());
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/plans", OASFactory.createPathItem().GET(unnamed).POST(untagged)));

        assertThatThrownBy(() -> new ApiDocumentFilter().filterOpenAPI(document))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /api/plans")
                .hasMessageContaining("POST /api/plans");
    }

    private static Operation operation(String id) {
        return OASFactory.createOperation().operationId(id).tags(List.of("Tag"))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("OK")));
    }

    private static OpenAPI filter(String path, Operation operation) {
        OpenAPI document = OASFactory.createOpenAPI()
                .paths(OASFactory.createPaths().addPathItem(path, OASFactory.createPathItem().GET(operation)));
        new ApiDocumentFilter().filterOpenAPI(document);
        return document;
    }
}
