package org.coprogram.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class OpenApiMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = """
            {"type":"object","properties":{"title":{"type":"string"},"status":{"type":"integer"}}}""";
    private static final String BEARER = """
            {"type":"http","scheme":"bearer","bearerFormat":"JWT"}""";

    @Test
    void theSameSchemaFromTwoServicesIsKeptOnceWithEveryServicesPaths() throws Exception {
        ObjectNode merged = OpenApiMerge.merge(JSON, documents(
                document("/api/proposals", Map.of("Problem", PROBLEM, "ProposalView", object("title"))),
                document("/api/surveys", Map.of("Problem", PROBLEM, "SurveyView", object("question")))), List.of());

        assertThat(merged.path("paths").fieldNames()).toIterable().containsExactlyInAnyOrder("/api/proposals",
                "/api/surveys");
        assertThat(merged.path("components").path("schemas").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Problem", "ProposalView", "SurveyView");
        assertThat(merged.path("components").path("schemas").path("Problem")).isEqualTo(JSON.readTree(PROBLEM));
        assertThat(merged.has("x-unavailable-services")).isFalse();
    }

    @Test
    void twoServicesGivingOneNameToDifferentSchemasIsRefusedNamingTheSchemaAndBothServices() throws Exception {
        Map<String, JsonNode> documents = documents(
                document("/api/proposals", Map.of("Problem", PROBLEM, "Outcome", object("created"))),
                document("/api/surveys", Map.of("Problem", PROBLEM, "Outcome", object("receipt"))));

        assertThatThrownBy(() -> OpenApiMerge.merge(JSON, documents, List.of()))
                .isInstanceOf(OpenApiMerge.SchemaCollision.class)
                .hasMessageContaining("'Outcome'").hasMessageContaining("proposal").hasMessageContaining("survey");
    }

    @Test
    void theServicesBearerSchemeIsKeptSoEveryOperationsSecurityRequirementResolves() throws Exception {
        JsonNode proposal = document("/api/proposals", Map.of());
        JsonNode survey = document("/api/surveys", Map.of());
        ((ObjectNode) proposal.path("components")).putObject("securitySchemes").set("bearer", JSON.readTree(BEARER));
        ((ObjectNode) survey.path("components")).putObject("securitySchemes").set("bearer", JSON.readTree(BEARER));

        ObjectNode merged = OpenApiMerge.merge(JSON, documents(proposal, survey), List.of());

        assertThat(merged.path("components").path("securitySchemes").path("bearer")).isEqualTo(JSON.readTree(BEARER));
    }

    @Test
    void twoServicesGivingOneSecuritySchemeNameDifferentDefinitionsIsRefused() throws Exception {
        JsonNode proposal = document("/api/proposals", Map.of());
        JsonNode survey = document("/api/surveys", Map.of());
        ((ObjectNode) proposal.path("components")).putObject("securitySchemes").set("bearer", JSON.readTree(BEARER));
        ((ObjectNode) survey.path("components")).putObject("securitySchemes").set("bearer",
                JSON.readTree("{\"type\":\"http\",\"scheme\":\"basic\"}"));

        assertThatThrownBy(() -> OpenApiMerge.merge(JSON, documents(proposal, survey), List.of()))
                .isInstanceOf(OpenApiMerge.SchemaCollision.class).hasMessageContaining("'bearer'");
    }

    @Test
    void twoOperationsWithOneOperationIdAreRefusedNamingItAndBothServices() throws Exception {
        JsonNode proposal = document("/api/proposals", Map.of());
        JsonNode survey = document("/api/surveys", Map.of());
        ((ObjectNode) proposal.path("paths").path("/api/proposals").path("get")).put("operationId", "list");
        ((ObjectNode) survey.path("paths").path("/api/surveys").path("get")).put("operationId", "list");

        assertThatThrownBy(() -> OpenApiMerge.merge(JSON, documents(proposal, survey), List.of()))
                .isInstanceOf(OpenApiMerge.SchemaCollision.class).hasMessageContaining("operationId 'list'")
                .hasMessageContaining("proposal").hasMessageContaining("survey");
    }

    @Test
    void theServedDocumentNamesTheGatewayAsItsOnlyServerAndKeepsTheServicesTagDescriptions() throws Exception {
        JsonNode proposal = document("/api/proposals", Map.of());
        ((ObjectNode) proposal).putArray("tags").addObject().put("name", "Proposte").put("description", "Le proposte");
        ((ObjectNode) proposal).putArray("servers").addObject().put("url", "http://localhost:8081");
        ObjectNode merged = OpenApiMerge.merge(JSON, Map.of("proposal", proposal), List.of());

        ObjectNode served = OpenApiMerge.withServer(merged, "https://coprogram.example.org");

        assertThat(served.path("servers")).hasSize(1);
        assertThat(served.path("servers").path(0).path("url").asText()).isEqualTo("https://coprogram.example.org");
        assertThat(merged.path("servers")).isEmpty();
        assertThat(served.path("tags").path(0).path("description").asText()).isEqualTo("Le proposte");
    }

    @Test
    void aServiceThatDidNotAnswerIsNamedAndTheOthersAreStillMerged() throws Exception {
        ObjectNode merged = OpenApiMerge.merge(JSON, Map.of("proposal", document("/api/proposals", Map.of())),
                List.of("survey"));

        assertThat(merged.path("paths").has("/api/proposals")).isTrue();
        assertThat(merged.path("x-unavailable-services")).containsExactly(JSON.getNodeFactory().textNode("survey"));
    }

    private static Map<String, JsonNode> documents(JsonNode proposal, JsonNode survey) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("proposal", proposal);
        documents.put("survey", survey);
        return documents;
    }

    private static JsonNode document(String path, Map<String, String> schemas) throws Exception {
        ObjectNode document = JSON.createObjectNode().put("openapi", "3.1.0");
        document.putObject("paths").putObject(path).putObject("get").put("summary", path);
        ObjectNode components = document.putObject("components").putObject("schemas");
        for (Map.Entry<String, String> schema : schemas.entrySet()) {
            components.set(schema.getKey(), JSON.readTree(schema.getValue()));
        }
        return document;
    }

    private static String object(String property) {
        return "{\"type\":\"object\",\"properties\":{\"" + property + "\":{\"type\":\"string\"}}}";
    }
}
