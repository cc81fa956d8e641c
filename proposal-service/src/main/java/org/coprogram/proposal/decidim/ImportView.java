package org.coprogram.proposal.decidim;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An import as {@code GET /api/imports/{id}} shows it: {@code PENDING} until processed, then {@code DONE} (everything
 * imported) or {@code FAILED} (nothing imported; {@code problems} say why, with file, line and column).
 */
public record ImportView(UUID id, UUID planId, String status, DecidimImportCounts counts,
        List<DecidimOpenData.ImportProblem> problems, int problemCount, OffsetDateTime createdAt,
        OffsetDateTime finishedAt) {

    /** The figures of an import: what was imported, what was there already, what the export held but is not mapped. */
    public record DecidimImportCounts(int proposals, int comments, int proposalsAlreadyPresent,
            int commentsAlreadyPresent, Map<String, Integer> rows, Map<String, Integer> notImported,
            Map<String, List<String>> columnsUsed, List<String> ignoredFiles) {

        static final DecidimImportCounts NONE = new DecidimImportCounts(0, 0, 0, 0, Map.of(), Map.of(), Map.of(),
                List.of());
    }

    /** What the POST answers: the import's id, to poll. */
    public record ImportAccepted(UUID id) {
    }
}
