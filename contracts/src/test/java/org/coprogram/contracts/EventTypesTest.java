package org.coprogram.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void everyEventTypeConstantIsListedOnceInAll() {
        assertThat(EventTypes.ALL).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Repository.stringConstants(EventTypes.class));
    }

    @Test
    void everyEventTypeFollowsTheNamingRule() {
        assertThat(EventTypes.ALL).allMatch(type -> type.matches("org\\.coprogram\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+"));
    }

    @Test
    void everyEventTypeHasItsSchemaAndEverySchemaItsType() {
        List<String> schemas = Repository.files("docs/events/schemas/*.json").stream()
                .map(Path::getFileName).map(Path::toString).map(name -> name.substring(0, name.length() - 5)).toList();
        assertThat(schemas).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    }
}
