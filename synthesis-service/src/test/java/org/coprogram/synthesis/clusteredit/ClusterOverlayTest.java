package org.coprogram.synthesis.clusteredit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.coprogram.synthesis.analysis.TextAnalysis;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The overlay of the region's edits, as a pure function: each edit is made on one analysis and laid over a later one
 * in which the clusters have other ids and new contributions joined them, as after new contributions or a full
 * recomputation.
 */
class ClusterOverlayTest {

    /** Clusters are built from their JSON, so fields the analysis gains later take their defaults here. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final List<UUID> home = ids(6);
    private final List<UUID> school = ids(5);
    private final List<UUID> housing = ids(4);
    private final List<UUID> newcomers = ids(3);
    private final Map<UUID, ClusterOverlay.Member> facts = new LinkedHashMap<>();

    ClusterOverlayTest() {
        home.forEach(id -> fact(id, "anziani", "BA", "BA-BARI", "072006", 2));
        school.forEach(id -> fact(id, "famiglie-minori", "TA", "TA-06", "073027", 1));
        housing.forEach(id -> fact(id, "abitare", "FG", "FG-FOGGIA", "071024", 0));
        newcomers.forEach(id -> fact(id, "anziani", "LE", "LE-LECCE", "075035", 5));
    }

    @Test
    void aRenamedClusterKeepsItsNameWhenRecomputedWithAnotherIdAndNewMembers() {
        ClusterEdit rename = edit(EditKind.RENAME, "Assistenza domiciliare", List.of(home), List.of());
        List<TextAnalysis.Cluster> later = List.of(
                cluster("k7", "casa anziani", plus(home.subList(0, 5), newcomers)),
                cluster("k8", "scuola", plus(school, List.of(home.get(5)))));

        ClusterOverlay.Result result = ClusterOverlay.apply(later, List.of(rename), facts);

        ClusterOverlay.Group renamed = result.clusters().get(0);
        assertThat(renamed.id()).isEqualTo("k7");
        assertThat(renamed.label()).isEqualTo("Assistenza domiciliare");
        assertThat(renamed.originalLabel()).isEqualTo("casa anziani");
        assertThat(renamed.edited()).isTrue();
        assertThat(renamed.editIds()).containsExactly(rename.id());
        assertThat(renamed.size()).isEqualTo(8);
        assertThat(renamed.base().id()).isEqualTo("k7");
        assertThat(result.clusters().get(1).edited()).isFalse();
        assertThat(result.clusters().get(1).label()).isEqualTo("scuola");
        assertThat(result.outcomes()).containsExactly(new ClusterOverlay.EditOutcome(rename.id(), EditKind.RENAME,
                ClusterOverlay.EditStatus.APPLIED, List.of("k7"), null));
    }

    @Test
    void mergedClustersStayMergedAfterARecomputationWithNewMembers() {
        ClusterEdit merge = edit(EditKind.MERGE, "Infanzia e terza età", List.of(home, school), List.of());
        List<TextAnalysis.Cluster> later = List.of(cluster("a", "abitare", housing),
                cluster("b", "scuola", school), cluster("c", "casa anziani", plus(home, newcomers)));

        ClusterOverlay.Result result = ClusterOverlay.apply(later, List.of(merge), facts);

        assertThat(result.clusters()).extracting(ClusterOverlay.Group::id).containsExactly("a",
                "edit-" + merge.id());
        ClusterOverlay.Group merged = result.clusters().get(1);
        assertThat(merged.label()).isEqualTo("Infanzia e terza età");
        assertThat(merged.members()).containsExactlyInAnyOrderElementsOf(plus(plus(home, school), newcomers));
        assertThat(merged.sources()).containsExactly("c", "b");
        assertThat(merged.base()).isNull();
        assertThat(merged.supports()).isEqualTo(6 * 2 + 5 + 3 * 5);
        assertThat(merged.themes()).containsExactly(new TextAnalysis.Count("anziani", 9),
                new TextAnalysis.Count("famiglie-minori", 5));
        assertThat(merged.districts()).isEqualTo(3);
        assertThat(result.outcomes().get(0).status()).isEqualTo(ClusterOverlay.EditStatus.APPLIED);
    }

    @Test
    void aMergeWithoutALabelJoinsTheLabelsOfItsClusters() {
        ClusterEdit merge = edit(EditKind.MERGE, null, List.of(home, school), List.of());

        ClusterOverlay.Result result = ClusterOverlay.apply(
                List.of(cluster("x", "casa", home), cluster("y", "scuola", school)), List.of(merge), facts);

        assertThat(result.clusters()).singleElement().extracting(ClusterOverlay.Group::label)
                .isEqualTo("casa / scuola");
    }

    @Test
    void splitOffMembersStaySplitWhenTheRecomputationPutsThemBack() {
        List<UUID> moved = home.subList(4, 6);
        ClusterEdit split = edit(EditKind.SPLIT, "Trasporto", List.of(home), moved);
        List<TextAnalysis.Cluster> later = List.of(cluster("z1", "casa anziani", plus(home, newcomers)),
                cluster("z2", "scuola", school));

        ClusterOverlay.Result result = ClusterOverlay.apply(later, List.of(split), facts);

        assertThat(result.clusters()).extracting(ClusterOverlay.Group::id).containsExactly("z1",
                "edit-" + split.id(), "z2");
        ClusterOverlay.Group stayed = result.clusters().get(0);
        ClusterOverlay.Group part = result.clusters().get(1);
        assertThat(part.members()).containsExactlyElementsOf(moved);
        assertThat(part.label()).isEqualTo("Trasporto");
        assertThat(part.supports()).isEqualTo(4);
        assertThat(stayed.members()).doesNotContainAnyElementsOf(moved).hasSize(7);
        assertThat(stayed.label()).isEqualTo("casa anziani");
        assertThat(stayed.edited()).isTrue();
        assertThat(stayed.base().id()).isEqualTo("z1");
        assertThat(result.outcomes().get(0).clusterIds()).containsExactly("z1", "edit-" + split.id());
    }

    @Test
    void anEditWhoseClustersAreGoneIsReportedAndChangesNothing() {
        ClusterEdit rename = edit(EditKind.RENAME, "Assistenza domiciliare", List.of(home), List.of());
        // The six contributions are now spread two by two over three clusters: none holds half of them.
        List<TextAnalysis.Cluster> later = List.of(cluster("p", "uno", plus(home.subList(0, 2), school)),
                cluster("q", "due", plus(home.subList(2, 4), housing)),
                cluster("r", "tre", plus(home.subList(4, 6), newcomers)));

        ClusterOverlay.Result result = ClusterOverlay.apply(later, List.of(rename), facts);

        assertThat(result.clusters()).extracting(ClusterOverlay.Group::label).containsExactly("uno", "due", "tre");
        assertThat(result.clusters()).noneMatch(ClusterOverlay.Group::edited);
        ClusterOverlay.EditOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.status()).isEqualTo(ClusterOverlay.EditStatus.UNMATCHED);
        assertThat(outcome.clusterIds()).isEmpty();
        assertThat(outcome.detail()).isNotBlank();
    }

    @Test
    void anEditOfContributionsNoLongerAnalysedIsReported() {
        ClusterEdit split = edit(EditKind.SPLIT, "Trasporto", List.of(home), home.subList(0, 2));

        ClusterOverlay.Result result = ClusterOverlay.apply(List.of(cluster("s", "scuola", school)), List.of(split),
                facts);

        assertThat(result.outcomes().get(0).status()).isEqualTo(ClusterOverlay.EditStatus.UNMATCHED);
        assertThat(result.clusters()).singleElement().extracting(ClusterOverlay.Group::edited).isEqualTo(false);
    }

    @Test
    void aMergeThatFindsOnlySomeOfItsClustersMergesThoseAndSaysSo() {
        ClusterEdit merge = edit(EditKind.MERGE, "Tutto", List.of(home, school, ids(3)), List.of());

        ClusterOverlay.Result result = ClusterOverlay.apply(
                List.of(cluster("x", "casa", home), cluster("y", "scuola", school)), List.of(merge), facts);

        assertThat(result.clusters()).singleElement().extracting(ClusterOverlay.Group::label).isEqualTo("Tutto");
        assertThat(result.outcomes().get(0).status()).isEqualTo(ClusterOverlay.EditStatus.PARTIAL);
    }

    @Test
    void halfOfTheAnchorIsEnoughAndTheLargerShareWins() {
        List<ClusterOverlay.Work> work = new ArrayList<>(List.of(
                ClusterOverlay.Work.of(cluster("half", "a", plus(home.subList(0, 3), school))),
                ClusterOverlay.Work.of(cluster("rest", "b", home.subList(3, 6)))));
        java.util.Set<UUID> analysed = work.stream().flatMap(w -> w.members.stream()).collect(Collectors.toSet());

        // Three of six in each: the tie goes to the cluster more like the anchor (Jaccard 3/6 against 3/11).
        assertThat(ClusterOverlay.match(home, work, analysed).id).isEqualTo("rest");
        assertThat(ClusterOverlay.match(plus(home.subList(0, 3), newcomers), work, analysed).id).isEqualTo("half");
        assertThat(ClusterOverlay.match(plus(home.subList(0, 1), home.subList(3, 4)), work, analysed).id)
                .isEqualTo("rest");
    }

    @Test
    void editsApplyInTheOrderTheyWereMadeSoARenameOfASplitOffPartHolds() {
        ClusterEdit split = edit(EditKind.SPLIT, "Trasporto", List.of(home), home.subList(4, 6));
        ClusterEdit rename = edit(EditKind.RENAME, "Trasporto sociale", List.of(home.subList(4, 6)), List.of());

        ClusterOverlay.Result result = ClusterOverlay.apply(List.of(cluster("n", "casa", plus(home, newcomers))),
                List.of(split, rename), facts);

        assertThat(result.clusters()).extracting(ClusterOverlay.Group::label).containsExactly("casa",
                "Trasporto sociale");
        assertThat(result.clusters().get(1).editIds()).containsExactly(split.id(), rename.id());
    }

    @Test
    void theAnalysisFieldsOfAClusterAreServedBesideTheEditedOnes() throws Exception {
        ClusterOverlay.Result result = ClusterOverlay.apply(List.of(cluster("k", "casa", home)),
                List.of(edit(EditKind.RENAME, "Casa", List.of(home), List.of())), facts);

        String served = JSON.writeValueAsString(ServedCluster.of(result.clusters().get(0),
                Map.of("stable", false, "stability", 0.4)));

        Map<String, Object> fields = JSON.readValue(served, new com.fasterxml.jackson.core.type.TypeReference<>() {
        });
        assertThat(fields).containsEntry("label", "Casa").containsEntry("edited", true)
                .containsEntry("originalLabel", "casa").containsEntry("stable", false)
                .containsEntry("stability", 0.4).doesNotContainKey("analysisFields").doesNotContainKey("otherFields");
    }

    @Test
    void aLargeClusterIsCountedBySizeNotByTheMembersTheAnalysisLists() {
        // The analysis lists at most its first members of a large cluster: here 6 of 600.
        ClusterEdit split = edit(EditKind.SPLIT, "Trasporto", List.of(home), home.subList(4, 6));
        ClusterEdit merge = edit(EditKind.MERGE, "Tutto", List.of(home.subList(0, 4), school), List.of());

        ClusterOverlay.Result result = ClusterOverlay.apply(
                List.of(cluster("big", "casa", home, 600), cluster("s", "scuola", school)), List.of(split, merge),
                facts);

        assertThat(result.clusters()).extracting(ClusterOverlay.Group::id).containsExactly("edit-" + merge.id(),
                "edit-" + split.id());
        assertThat(result.clusters().get(1).size()).isEqualTo(2);
        ClusterOverlay.Group merged = result.clusters().get(0);
        assertThat(merged.size()).isEqualTo(598 + 5);
        assertThat(merged.supports()).isEqualTo(4 * 2 + 5);
        assertThat(merged.themes()).containsExactly(new TextAnalysis.Count("famiglie-minori", 5),
                new TextAnalysis.Count("anziani", 4));
    }

    private ClusterEdit edit(EditKind kind, String label, List<List<UUID>> anchors, List<UUID> moved) {
        return new ClusterEdit(UUID.randomUUID(), UUID.randomUUID(), "region", "puglia", kind, label, anchors, moved,
                anchors.stream().map(a -> "prima").toList(), null, "regione",
                OffsetDateTime.of(2026, 11, 1, 10, 0, 0, 0, ZoneOffset.UTC), null, null, 1);
    }

    /** A cluster as the analysis counts it from its members' facts. */
    private TextAnalysis.Cluster cluster(String id, String label, List<UUID> members) {
        return cluster(id, label, members, members.size());
    }

    /** {@code size} above the members' number: the analysis lists only the first members of a large cluster. */
    private TextAnalysis.Cluster cluster(String id, String label, List<UUID> members, int size) {
        List<ClusterOverlay.Member> known = members.stream().map(facts::get).toList();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("label", label);
        fields.put("terms", List.of(label));
        fields.put("size", size);
        fields.put("supports", known.stream().mapToInt(ClusterOverlay.Member::supports).sum());
        fields.put("cohesion", 0.5);
        fields.put("representatives", members.stream().limit(2)
                .map(m -> Map.of("id", m, "kind", "PROPOSAL", "title", "t", "excerpt", "e", "similarity", 0.9))
                .toList());
        fields.put("themes", counts(known.stream().map(ClusterOverlay.Member::theme).toList()));
        fields.put("provinces", counts(known.stream().map(ClusterOverlay.Member::province).toList()));
        fields.put("districts", known.stream().map(ClusterOverlay.Member::district).distinct().count());
        fields.put("municipalities", known.stream().map(ClusterOverlay.Member::municipality).distinct().count());
        fields.put("members", members);
        return JSON.convertValue(fields, TextAnalysis.Cluster.class);
    }

    private static List<Map<String, Object>> counts(List<String> codes) {
        return codes.stream().collect(Collectors.groupingBy(c -> c, LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> Map.<String, Object>of("code", e.getKey(), "count", e.getValue()))
                .toList();
    }

    private void fact(UUID id, String theme, String province, String district, String municipality, int supports) {
        facts.put(id, new ClusterOverlay.Member(id, theme, province, district, municipality, supports));
    }

    private static List<UUID> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
    }

    private static List<UUID> plus(List<UUID> a, List<UUID> b) {
        List<UUID> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
