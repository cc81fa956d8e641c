package org.coprogram.synthesis.clusteredit;

import java.util.List;
import java.util.UUID;

/** The bodies of the three edits; checked by {@link ClusterEditService} after the caller's rights. */
public final class EditRequests {

    private EditRequests() {
    }

    /** A new label for a cluster. */
    public record ClusterRename(String clusterId, String label, String note) {
    }

    /** Two or more clusters into one, with a label (or their labels joined). */
    public record ClusterMerge(List<String> clusterIds, String label, String note) {
    }

    /** Some contributions ({@code members}) of a cluster out into a cluster of their own, labelled {@code label}. */
    public record ClusterSplit(String clusterId, List<UUID> members, String label, String note) {
    }
}
