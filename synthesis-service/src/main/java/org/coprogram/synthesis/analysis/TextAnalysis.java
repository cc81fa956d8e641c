package org.coprogram.synthesis.analysis;

import java.util.List;
import java.util.UUID;

/** What the text analysis found in a set of contributions; the same contributions always give the same analysis. */
public record TextAnalysis(int contributions, int analysed, String method, List<Cluster> clusters,
        List<DuplicateGroup> nearDuplicates, List<Keywords> keywordsByTheme, List<Keywords> keywordsByProvince) {

    /**
     * A group of similar contributions, labelled by the words that set it apart from its sibling clusters (then those
     * that weigh most in it). {@code stability}: the share of its members' pairs that stay together when the theme is
     * clustered again on random 90% samples; {@code stable} when at least 0.8. {@code distinguishingTerms}: the words
     * (or pairs of words) more frequent in it than in its siblings, most distinctive first. {@code subtopics}: the
     * same for the parts of a large cluster (ids "C1.1", …), empty when it has none; a sub-topic has none itself.
     */
    public record Cluster(String id, String label, List<String> terms, int size, int supports, double cohesion,
            List<Representative> representatives, List<Count> themes, List<Count> provinces, int districts,
            int municipalities, List<UUID> members, double stability, boolean stable,
            List<String> distinguishingTerms, List<Cluster> subtopics) {
    }

    /** A contribution that stands for its cluster: the nearest to the cluster's centre. */
    public record Representative(UUID id, String kind, String title, String excerpt, double similarity) {
    }

    public record Count(String code, int count) {
    }

    /** Texts that are the same or nearly so (Jaccard similarity of their terms at least 0.8). */
    public record DuplicateGroup(List<UUID> members, String excerpt) {
    }

    /** The most distinctive words of the contributions of one theme or one province. */
    public record Keywords(String code, List<String> words) {
    }
}
