package org.coprogram.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The API documents the gateway serves, read as an integrator reads them, over HTTP, with the ecosystem's own tools
 * (not ours), installed from {@code src/test/node}'s package-lock: Redocly CLI's recommended ruleset on
 * {@code /openapi.json}, the official AsyncAPI parser on {@code /asyncapi.yaml} with its references resolved where
 * they point. Any error fails the test, with the tool's report as the message. A client generated from the same
 * document calls the API in {@code GeneratedClientE2ETest}.
 */
@Tag("e2e")
class ApiDocumentsE2ETest {

    private static final Path TOOLS = Platform.ROOT.resolve("e2e/src/test/node");

    @Test
    void theServedOpenApiHasNoErrorUnderRedoclysRecommendedRuleset() throws Exception {
        // A document with a service missing would lint cleanly and say little: all four are in it.
        given().get(Platform.GATEWAY + "/openapi.json").then().statusCode(200)
                .body("'x-unavailable-services'", nullValue())
                .body("servers[0].url", equalTo(Platform.GATEWAY))
                .body("components.securitySchemes", not(anEmptyMap()));

        Run lint = run("node", "node_modules/@redocly/cli/bin/cli.js", "lint", "--extends=recommended",
                "--format=stylish", "--max-problems=1000", Platform.GATEWAY + "/openapi.json");

        assertThat(lint.exit).as(lint.output).isZero();
    }

    @Test
    void theServedAsyncApiParsesWithTheOfficialParserWithNoError() throws Exception {
        Run parse = run("node", "parse-asyncapi.mjs", Platform.GATEWAY + "/asyncapi.yaml");

        assertThat(parse.exit).as(parse.output).isZero();
        assertThat(parse.output).as(parse.output).contains(": 0 errors").contains("document parsed");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(TOOLS.toFile())
                .redirectErrorStream(true);
        // No telemetry nor update check from a test run.
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within 2 minutes");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
