package org.coprogram.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.coprogram.contracts.Topics;
import org.junit.jupiter.api.Test;

/**
 * The helpers' namespace is the one the services run their tests in: the topics a test reads and writes and the realm
 * it takes tokens from are those of the services under test, and neither is the demo's.
 */
class TestNamespaceTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theServicesTestProfileIsTheHelpersNamespace() throws IOException {
        Properties services = load("common/src/main/resources/META-INF/microprofile-config.properties");
        Properties gateway = load("gateway/src/main/resources/application.properties");
        for (Properties profile : new Properties[]{services, gateway}) {
            assertThat(profile.getProperty("%test.coprogram.topics.prefix"))
                    .isEqualTo(TestNamespace.SERVICE_TESTS_TOPIC_PREFIX);
            assertThat(profile.getProperty("%test.quarkus.oidc.auth-server-url"))
                    .isEqualTo("http://127.0.0.1:8180/realms/" + TestNamespace.SERVICE_TESTS_REALM);
        }
        assertThat(services.getProperty("quarkus.oidc.auth-server-url")).endsWith("/realms/coprogram");
    }

    @Test
    void theScriptMakesTopicsForEveryModulesTests() throws IOException {
        String modules = Files.readAllLines(ROOT.resolve("coprogram")).stream()
                .filter(line -> line.startsWith("SERVICE_TESTS_MODULES=")).findFirst().orElseThrow()
                .replaceFirst("^SERVICE_TESTS_MODULES=\"(.*)\"$", "$1");
        assertThat(modules.split(" ")).containsExactlyElementsOf(TestNamespace.SERVICE_TESTS_MODULES);
    }

    @Test
    void aTestRunsTopicsAndRealmAreNotTheDemos() {
        assertThat(TestNamespace.REALM).isNotEqualTo("coprogram");
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(TestNamespace.topic(topic)).isNotEqualTo(topic)
                .startsWith(TestNamespace.TOPIC_PREFIX).endsWith(topic));
        assertThat(TestNamespace.topic("coprogram-test.poison-probe")).isEqualTo("coprogram-test.poison-probe");
    }

    private static Properties load(String relative) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(relative))) {
            properties.load(reader);
        }
        return properties;
    }
}
