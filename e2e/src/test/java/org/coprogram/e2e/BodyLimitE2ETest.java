package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's 1 MiB body limit holds for a chunked body too, whose size no header announces: 413 problem+json, as
 * for a body that announces its length (HostileInputE2ETest). A chunked body within the limit still reaches its
 * service whole.
 */
@Tag("e2e")
class BodyLimitE2ETest {

    private static final long LIMIT = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aChunkedBodyOverTheLimitGets413ProblemJson() throws Exception {
        HttpResponse<String> response = postChunked(proposal((int) (LIMIT * 3 / 2)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("title").asText()).isEqualTo("Richiesta troppo grande");
        assertThat(problem.path("detail").asText()).isEqualTo("Il corpo della richiesta supera 1048576 byte");
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheService() throws Exception {
        HttpResponse<String> response = postChunked(proposal(10_000));

        // The plan does not exist: the proposal service read the body and answered for the plan.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpResponse<String> postChunked(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(Platform.GATEWAY + "/api/plans/" + UUID.randomUUID() + "/proposals"))
                .header("Authorization", "Bearer " + Tokens.of("cittadino"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                // A publisher of unknown length: the client sends Transfer-Encoding: chunked, no Content-Length.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] proposal(int bodyChars) {
        return ("{\"kind\":\"PROPOSAL\",\"title\":\"Proposta molto lunga\",\"theme\":\"anziani\","
                + "\"municipality\":\"072006\",\"body\":\"" + "a".repeat(bodyChars) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
