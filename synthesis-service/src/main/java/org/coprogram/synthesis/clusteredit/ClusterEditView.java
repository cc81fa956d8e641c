package org.coprogram.synthesis.clusteredit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An edit as region staff see it: what, on which clusters, who and when, and whether it still finds its clusters in
 * the current analysis of its scope.
 *
 * @param clusters how many clusters it was made on (one, or the number merged)
 * @param contributions how many contributions those clusters held
 * @param moved for a split, the contributions moved out
 * @param createdBy the account id of who made it
 * @param status {@code APPLIED}, {@code PARTIAL} or {@code UNMATCHED} in the current analysis
 * @param clusterIds the ids of the served clusters it applies to now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterEditView(UUID id, EditKind kind, String level, String code, String label,
        List<String> beforeLabels, int clusters, int contributions, List<UUID> moved, String note, String createdBy,
        OffsetDateTime createdAt, ClusterOverlay.EditStatus status, List<String> clusterIds, String detail) {

    static ClusterEditView of(ClusterEdit e, ClusterOverlay.EditOutcome outcome) {
        return new ClusterEditView(e.id(), e.kind(), e.level(), e.code(), e.label(), e.beforeLabels(),
                e.anchors().size(), e.anchors().stream().mapToInt(List::size).sum(), e.moved(), e.note(),
                e.createdBy(), e.createdAt(), outcome == null ? null : outcome.status(),
                outcome == null ? null : outcome.clusterIds(), outcome == null ? null : outcome.detail());
    }
}
