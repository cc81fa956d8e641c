package org.coprogram.synthesis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OverlayTest {

    @Test
    void changesAreReadOverTheBaseAndLeaveTheEarlierMapAsItWas() {
        Overlay<String, Integer> base = Overlay.of(Map.of("a", 1, "b", 2, "c", 3));

        Overlay<String, Integer> next = base.with(Map.of("b", 20, "d", 4), List.of("a", "x"));

        assertThat(next).isEqualTo(Map.of("b", 20, "c", 3, "d", 4)).hasSize(3);
        assertThat(next.get("a")).isNull();
        assertThat(next.containsKey("a")).isFalse();
        assertThat(next.containsKey("d")).isTrue();
        assertThat(base).isEqualTo(Map.of("a", 1, "b", 2, "c", 3)).hasSize(3);
    }

    @Test
    void aKeyRemovedThenAddedAgainCountsOnce() {
        Overlay<String, Integer> base = Overlay.of(Map.of("a", 1));

        Overlay<String, Integer> removed = base.with(Map.of(), List.of("a"));
        Overlay<String, Integer> back = removed.with(Map.of("a", 5), List.of());

        assertThat(removed).isEmpty();
        assertThat(back).isEqualTo(Map.of("a", 5)).hasSize(1);
        assertThat(back.changed()).isEqualTo(1);
    }
}
