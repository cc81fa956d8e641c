package org.coprogram.contracts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A plan measure's public id ({@code /api/measures/{measureId}}): derived from the plan and the measure's code, which
 * region staff keep across versions, so every service computes the same id from a published version without asking
 * the service that owns the document, and the id stays the same in every version that keeps the code.
 */
public final class MeasureIds {

    public static UUID of(UUID planId, String code) {
        return UUID.nameUUIDFromBytes(("coprogram-measure:" + planId + ":" + code).getBytes(StandardCharsets.UTF_8));
    }

    private MeasureIds() {
    }
}
