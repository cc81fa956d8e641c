package org.coprogram.common.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coprogram.common.export.PersonalDataStream.Section;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** The part is one JSON document, its sections read page after page by key, each page asked for once. */
class PersonalDataStreamTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sectionsAreReadInKeysetPagesAndWrittenAsOneDocument() throws Exception {
        List<Integer> asked = new ArrayList<>();
        Section<Integer> numbers = new Section<>("numbers", 2, after -> {
            asked.add(after);
            int from = after == null ? 1 : after + 1;
            List<Integer> page = new ArrayList<>();
            for (int i = from; i <= 5 && page.size() < 2; i++) {
                page.add(i);
            }
            return Uni.createFrom().item(page);
        });
        Section<String> empty = new Section<>("empty", 2, after -> Uni.createFrom().item(List.of()));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("service", "test-service");
        header.put("account", "a-1");

        List<Buffer> chunks = PersonalDataStream.of(json, header, List.of(numbers, empty)).collect().asList()
                .await().atMost(Duration.ofSeconds(5));

        JsonNode document = json.readTree(String.join("", chunks.stream().map(Buffer::toString).toList()));
        assertThat(document.get("service").asText()).isEqualTo("test-service");
        assertThat(document.get("numbers").toString()).isEqualTo("[1,2,3,4,5]");
        assertThat(document.get("empty").toString()).isEqualTo("[]");
        // three pages of at most two, each after the last row written: 1-2, 3-4, 5 (short: the end)
        assertThat(asked).containsExactly(null, 2, 4);
    }

    @Test
    void aFullLastPageAsksOnceMoreAndAnEmptyOneEndsTheSection() throws Exception {
        Section<Integer> numbers = new Section<>("n", 2, after -> Uni.createFrom()
                .item(after == null ? List.of(1, 2) : List.of()));
        String document = String.join("", PersonalDataStream.of(json, Map.of(), List.of(numbers)).collect().asList()
                .await().atMost(Duration.ofSeconds(5)).stream().map(Buffer::toString).toList());
        assertThat(json.readTree(document).get("n").toString()).isEqualTo("[1,2]");
    }

    @Test
    void aFailingPageFailsTheStreamInsteadOfClosingTheDocument() {
        Section<Integer> broken = new Section<>("n", 1, after -> after == null
                ? Uni.createFrom().item(List.of(1))
                : Uni.createFrom().failure(new IllegalStateException("database gone")));
        assertThatThrownBy(() -> PersonalDataStream.of(json, Map.of("service", "s"), List.of(broken)).collect()
                .asList().await().atMost(Duration.ofSeconds(5))).hasMessageContaining("database gone");
    }
}
