package org.coprogram.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.coprogram.contracts.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

class RelayedEventsTest {

    @ParameterizedTest
    @ValueSource(strings = {"org.coprogram.social-report.submitted.v1", "org.coprogram.social-report.reopened.v1",
            "org.coprogram.social-report.submitted.v2", "org.coprogram.social-report.reopened.v2",
            "org.coprogram.survey.response-submitted.v1", "org.coprogram.person.erasure-requested.v1",
            "org.coprogram.person.erasure-completed.v1"})
    void recordsOfWithdrawnTypesAreNeverRelayed(String type) {
        assertThat(RelayedEvents.relayed(event(type))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.coprogram.social-report.published.v1", "org.coprogram.proposal.submitted.v1",
            "org.coprogram.indicator.measured.v1", "org.coprogram.some-future.event.v1"})
    void everyOtherTypeIsRelayed(String type) {
        assertThat(RelayedEvents.relayed(event(type))).isTrue();
    }

    @Test
    void theBridgeServesNoRestrictedTopicNeitherTheErasureOne() {
        assertThat(PartnerEventStream.PUBLIC_TOPICS).doesNotContain(Topics.ERASURE, Topics.PERSONAL)
                .noneMatch(topic -> topic.contains("restricted"));
    }

    @Test
    void aRecordThatIsNoCloudEventIsNotRelayed() {
        assertThat(RelayedEvents.relayed(null)).isFalse();
    }

    @Test
    void theGuideListsEveryTypeThatIsNeverRelayed() throws Exception {
        String guide = Files.readString(Path.of("../docs/partners.md"), StandardCharsets.UTF_8);
        assertThat(RelayedEvents.NEVER_RELAYED).allSatisfy(type -> assertThat(guide).contains("`" + type + "`"));
    }

    private static CloudEvent event(String type) {
        return CloudEventBuilder.v1().withId("1").withSource(URI.create("/test")).withType(type)
                .withData("application/json", "{\"text\":\"bozza riservata\"}".getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
