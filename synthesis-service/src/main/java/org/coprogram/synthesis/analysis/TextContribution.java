package org.coprogram.synthesis.analysis;

import java.util.UUID;

/** What the text analysis reads of one contribution: its text and where it sits in the plan. */
public record TextContribution(UUID id, String kind, String title, String text, String theme, String province,
        String district, String municipality, int supports) {

    /** Title and text together, as the analyzer reads them. */
    String fullText() {
        return title == null || title.isBlank() ? text : title + ". " + text;
    }
}
