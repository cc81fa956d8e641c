package org.coprogram.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamGroupTest {

    @Test
    void anAccountWithANamedStreamIsNotAnotherAccountWhoseNameGoesOn() {
        assertThat(StreamGroup.of("partner-a", "x")).isNotEqualTo(StreamGroup.of("partner-a-x", null));
        assertThat(StreamGroup.of("partner-a", "x-y")).isNotEqualTo(StreamGroup.of("partner-a-x", "y"));
        assertThat(StreamGroup.of("partner-a", "x")).isEqualTo("sse-partner-a.x");
        assertThat(StreamGroup.of("service-account-partner-demo", null)).isEqualTo("sse-service-account-partner-demo");
    }

    @Test
    void accountsThatDifferOnlyInCharactersOutsideTheSafeOnesStayApart() {
        assertThat(StreamGroup.of("a.b", null)).isNotEqualTo(StreamGroup.of("a_b", null))
                .isNotEqualTo(StreamGroup.of("a@b", null)).isEqualTo("sse-a_2eb");
        assertThat(StreamGroup.of("a.b", null)).as("an account's dot is not the separator")
                .isNotEqualTo(StreamGroup.of("a", "b"));
        assertThat(StreamGroup.of("è", null)).isEqualTo("sse-_c3_a8");
    }

    @Test
    void aNameOutsideTheAlphabetIsRefused() {
        assertThat(StreamGroup.NAME.matcher("opendata-2").matches()).isTrue();
        assertThat(StreamGroup.NAME.matcher("open.data").matches()).isFalse();
        assertThatThrownBy(() -> StreamGroup.of("partner-a", "x.y")).isInstanceOf(IllegalArgumentException.class);
    }
}
