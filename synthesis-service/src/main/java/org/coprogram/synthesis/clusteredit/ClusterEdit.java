package org.coprogram.synthesis.clusteredit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One edit of the region to a plan's clusters, as stored ({@code cluster_edit}, V1_6). {@code anchors} are the
 * contribution ids of each cluster the edit was made on (one for a rename or a split, two or more for a merge): they,
 * not the clusters' ids, find the clusters again in a later analysis.
 *
 * @param level the scope of the clusters view it was made on ({@code region}, {@code province}, {@code district})
 * @param code the scope's code ({@code puglia}, {@code BA}, {@code BA-BARI})
 * @param label the new label (rename, split: the moved part's; merge: optional)
 * @param moved for a split, the contributions moved out
 * @param beforeLabels the labels of the edited clusters when the edit was made
 * @param createdBy the account id of who made it (shown to region staff only)
 */
public record ClusterEdit(UUID id, UUID planId, String level, String code, EditKind kind, String label,
        List<List<UUID>> anchors, List<UUID> moved, List<String> beforeLabels, String note, String createdBy,
        OffsetDateTime createdAt, String undoneBy, OffsetDateTime undoneAt, long revision) {

    public ClusterEdit {
        anchors = anchors.stream().map(List::copyOf).toList();
        moved = List.copyOf(moved);
        beforeLabels = List.copyOf(beforeLabels);
    }

    public boolean active() {
        return undoneAt == null;
    }
}
