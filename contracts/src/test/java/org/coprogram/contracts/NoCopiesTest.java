package org.coprogram.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Services use the constants: no main source outside this module spells a topic or an event type again. */
class NoCopiesTest {

    @Test
    void noMainSourceSpellsATopicOrAnEventTypeLiterally() {
        List<String> copies = new ArrayList<>();
        List<Path> sources = Repository.files("*/src/main/java/**.java");
        assertThat(sources).hasSizeGreaterThan(100);
        for (Path source : sources) {
            String relative = Repository.ROOT.relativize(source).toString();
            if (relative.startsWith("contracts/")) {
                continue;
            }
            String text = Repository.read(relative);
            Stream.concat(Topics.ALL.stream(), EventTypes.ALL.stream())
                    .filter(name -> text.contains('"' + name + '"'))
                    .forEach(name -> copies.add(relative + ": " + name));
        }
        assertThat(copies).isEmpty();
    }
}
