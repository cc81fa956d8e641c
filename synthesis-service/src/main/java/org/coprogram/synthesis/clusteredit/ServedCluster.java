package org.coprogram.synthesis.clusteredit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coprogram.synthesis.analysis.TextAnalysis;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A cluster as {@code GET .../synthesis/clusters} serves it: the analysis's cluster with the region's edits applied.
 * The fields the analysis gives a cluster and this record does not name (e.g. its stability) are served as they are
 * for a cluster that is still the analysis's own (renamed or not, or what stayed of a split one), and left out for one
 * an edit made (a merge's union, a split's moved part), whose analysis figures nobody computed.
 *
 * @param edited whether a region edit applies to it
 * @param editIds the edits that apply to it, oldest first
 * @param originalLabel the label the analysis gave, when an edit changed it
 * @param sourceIds the ids of the analysis clusters it is made of
 */
public record ServedCluster(String id, String label, List<String> terms, int size, int supports,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double cohesion, List<TextAnalysis.Representative> representatives,
        List<TextAnalysis.Count> themes, List<TextAnalysis.Count> provinces, int districts, int municipalities,
        List<UUID> members, boolean edited, List<UUID> editIds,
        @JsonInclude(JsonInclude.Include.NON_NULL) String originalLabel, List<String> sourceIds,
        @JsonIgnore Map<String, Object> analysisFields) {

    /** The fields of a serialised {@link TextAnalysis.Cluster} this record serves itself. */
    static final List<String> NAMED = List.of("id", "label", "terms", "size", "supports", "cohesion",
            "representatives", "themes", "provinces", "districts", "municipalities", "members");

    static ServedCluster of(ClusterOverlay.Group g, Map<String, Object> analysisFields) {
        return new ServedCluster(g.id(), g.label(), g.terms(), g.size(), g.supports(), g.cohesion(),
                g.representatives(), g.themes(), g.provinces(), g.districts(), g.municipalities(), g.members(),
                g.edited(), g.editIds(), g.originalLabel(), g.sources(), Map.copyOf(analysisFields));
    }

    /** The analysis's other fields of this cluster, served beside the named ones. */
    @JsonAnyGetter
    public Map<String, Object> otherFields() {
        return analysisFields;
    }
}
