package org.coprogram.synthesis.plandocument;

import java.util.Optional;

/** The sections a plan's document has, in their order: the ones the regional plans of Puglia and Abruzzo share. */
public enum SectionKey {
    CONTEXT("Il contesto"), NEEDS("I bisogni"), PRIORITIES("Le priorità"), GOVERNANCE("La governance"), CRITERIA(
            "I criteri di trasparenza ed equità");

    private final String title;

    SectionKey(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public static Optional<SectionKey> parse(String key) {
        for (SectionKey value : values()) {
            if (value.name().equals(key)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
