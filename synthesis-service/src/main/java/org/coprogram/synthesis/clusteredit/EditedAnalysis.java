package org.coprogram.synthesis.clusteredit;

import java.util.List;
import java.util.Map;

import org.coprogram.synthesis.analysis.TextAnalysis;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The text analysis as served: its clusters with the region's edits applied, and what became of each edit of the
 * scope ({@code edits}: applied, partly applied, or no longer matching any cluster). The analysis's other fields are
 * served as they are.
 */
public record EditedAnalysis(int contributions, int analysed, String method, List<ServedCluster> clusters,
        List<TextAnalysis.DuplicateGroup> nearDuplicates, List<TextAnalysis.Keywords> keywordsByTheme,
        List<TextAnalysis.Keywords> keywordsByProvince, List<ClusterOverlay.EditOutcome> edits,
        @JsonIgnore Map<String, Object> analysisFields) {

    static final List<String> NAMED = List.of("contributions", "analysed", "method", "clusters", "nearDuplicates",
            "keywordsByTheme", "keywordsByProvince");

    @JsonAnyGetter
    public Map<String, Object> otherFields() {
        return analysisFields;
    }
}
