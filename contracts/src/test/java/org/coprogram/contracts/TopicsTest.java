package org.coprogram.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class TopicsTest {

    /** How a configuration names a topic: the contract's name behind the run's prefix, empty in production. */
    private static final String NAMESPACE = "${coprogram.topics.prefix:}";

    @Test
    void everyTopicConstantIsListedOnceInAll() {
        assertThat(Topics.ALL).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Repository.stringConstants(Topics.class));
        assertThat(Topics.ALL).containsAll(Topics.PUBLIC);
    }

    @Test
    void restrictedAndInternalTopicsAreNotPublic() {
        assertThat(Topics.PUBLIC).doesNotContain(Topics.SURVEY_RESPONSES, Topics.RESTRICTED_SOCIAL_REPORTS,
                Topics.PERSONAL);
    }

    @Test
    void everyChannelInEveryServiceConfigurationReadsOrWritesAKnownTopicInItsNamespace() {
        List<Path> configurations = Repository.files("*/src/main/resources/application.properties");
        assertThat(configurations).hasSizeGreaterThanOrEqualTo(5);
        List<String> channelTopics = new ArrayList<>();
        for (Path configuration : configurations) {
            Properties properties = load(Repository.read(Repository.ROOT.relativize(configuration).toString()));
            properties.stringPropertyNames().stream()
                    .filter(name -> name.matches("(%[a-z]+\\.)?mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topic"))
                    .forEach(name -> {
                        String topic = properties.getProperty(name);
                        if (name.startsWith("%test.") && topic.startsWith("coprogram-test.")) {
                            return; // a test's own probe channel (meeting-service's poison probe), not a contract
                        }
                        channelTopics.add(topic);
                        // Without the prefix, a test run's service would read the demo's topic.
                        assertThat(topic).as("%s in %s", name, configuration).startsWith(NAMESPACE);
                        assertThat(Topics.ALL).as("%s in %s", name, configuration)
                                .contains(topic.substring(NAMESPACE.length()));
                    });
        }
        assertThat(channelTopics).isNotEmpty();
    }

    @Test
    void everyConsumerGroupOfAServiceIsInItsNamespace() {
        List<String> groups = new ArrayList<>();
        for (Path configuration : Repository.files("*/src/main/resources/application.properties")) {
            Properties properties = load(Repository.read(Repository.ROOT.relativize(configuration).toString()));
            properties.stringPropertyNames().stream()
                    .filter(name -> name
                            .matches("mp\\.messaging\\.(incoming\\.[^.]+|connector\\.smallrye-kafka)\\.group\\.id"))
                    .forEach(name -> {
                        groups.add(name);
                        // The test platform's services would otherwise join the demo's groups, on other topics.
                        assertThat(properties.getProperty(name)).as("%s in %s", name, configuration)
                                .startsWith(NAMESPACE);
                    });
        }
        assertThat(groups).isNotEmpty();
    }

    @Test
    void theServicesTestsHaveATopicNamespaceOfTheirOwn() {
        Properties defaults = load(
                Repository.read("common/src/main/resources/META-INF/microprofile-config.properties"));
        assertThat(defaults.getProperty("coprogram.topics.prefix")).as("production and the demo: no prefix").isNull();
        for (Path configuration : Repository.files("*/src/main/resources/application.properties")) {
            Properties properties = load(Repository.read(Repository.ROOT.relativize(configuration).toString()));
            boolean usesKafka = properties.stringPropertyNames().stream().anyMatch(n -> n.contains("mp.messaging."))
                    || properties.stringPropertyNames().stream().anyMatch(n -> n.contains("partner-stream"));
            if (!usesKafka) {
                continue;
            }
            assertThat(properties.getProperty("coprogram.topics.prefix")).as("%s: no prefix outside tests",
                    configuration).isNull();
            String module = Repository.ROOT.relativize(configuration).getName(0).toString();
            boolean sharesCommonsDefaults = Repository.read(module + "/pom.xml").contains(
                    "<artifactId>coprogram-common</artifactId></dependency>");
            String prefix = properties.getProperty("%test.coprogram.topics.prefix",
                    sharesCommonsDefaults ? defaults.getProperty("%test.coprogram.topics.prefix") : null);
            assertThat(prefix).as("%%test.coprogram.topics.prefix of %s", module).isNotBlank();
            assertThat(Topics.named(prefix, Topics.PLANS)).isNotEqualTo(Topics.PLANS);
        }
    }

    @Test
    void aNamespaceOnlyPrefixesTheTopicsName() {
        assertThat(Topics.named("", Topics.PLANS)).isEqualTo("coprogram.plans");
        assertThat(Topics.named("e2e.", Topics.RESTRICTED_SOCIAL_REPORTS))
                .isEqualTo("e2e.coprogram-restricted.social-reports");
        assertThatThrownBy(() -> Topics.named("e2e/", Topics.PLANS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTopicIsDocumentedInTheAsyncApiCatalogue() {
        String catalogue = Repository.read("docs/events/asyncapi.yaml");
        String design = Repository.read("docs/DESIGN.md");
        for (String topic : Topics.ALL) {
            assertThat(catalogue.contains(topic) || design.contains(topic)).as(topic).isTrue();
        }
        for (String topic : Topics.PUBLIC) {
            assertThat(catalogue).as("public topic in the partners' catalogue").contains("address: " + topic);
        }
    }

    private static Properties load(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
