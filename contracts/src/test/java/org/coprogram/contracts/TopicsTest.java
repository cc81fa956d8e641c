package org.coprogram.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicConstantIsListedOnceInAll() {
        assertThat(Topics.ALL).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Repository.stringConstants(Topics.class));
        assertThat(Topics.ALL).containsAll(Topics.PUBLIC);
    }

    @Test
    void restrictedAndInternalTopicsAreNotPublic() {
        assertThat(Topics.PUBLIC).doesNotContain(Topics.SURVEY_RESPONSES, Topics.RESTRICTED_SOCIAL_REPORTS);
    }

    @Test
    void everyChannelInEveryServiceConfigurationReadsOrWritesAKnownTopic() {
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
                        assertThat(Topics.ALL).as("%s in %s", name, configuration).contains(topic);
                    });
        }
        assertThat(channelTopics).isNotEmpty();
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
