package org.coprogram.synthesis.clusteredit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.coprogram.synthesis.analysis.TextAnalysis;

/**
 * The region's edits laid over a fresh analysis: a pure function of the analysis's clusters, the edits in the order
 * they were made and a few facts about each contribution. Each edit finds the clusters it was made on by their
 * members, not their ids (which a recomputation may change): an anchor matches the current cluster holding the largest
 * share of the anchor's contributions still analysed, if that share is at least {@link #MIN_SHARE}; ties go to the
 * higher Jaccard similarity, then to the earlier cluster. New contributions joining a cluster do not lower the share,
 * so a renamed cluster keeps its name as it grows. An edit whose anchors no longer match is reported, not dropped.
 */
public final class ClusterOverlay {

    /** The share of an anchor's analysed contributions a cluster must hold to be the same cluster. */
    public static final double MIN_SHARE = 0.5;
    /** The id prefix of the clusters an edit made (a merge's union, a split's moved part): stable across analyses. */
    public static final String EDIT_PREFIX = "edit-";
    private static final int MERGED_TERMS = 10;

    /** What the overlay needs to know of one contribution to count a cluster the analysis did not make. */
    public record Member(UUID id, String theme, String province, String district, String municipality,
            int supports) {
    }

    /** Whether an edit found its clusters in this analysis. */
    public enum EditStatus {
        /** Every anchor matched. */
        APPLIED,
        /** A merge that found some of its clusters (two or more), not all. */
        PARTIAL,
        /** Not applied: the clusters it was made on are not in this analysis any more. */
        UNMATCHED
    }

    public record EditOutcome(UUID editId, EditKind kind, EditStatus status, List<String> clusterIds, String detail) {
    }

    /**
     * A cluster as served.
     *
     * @param base the analysis cluster whose other fields (those this record does not carry) still describe it: the
     *        cluster itself, renamed or not, or the part of a split cluster that stayed; null for a cluster an edit made
     * @param size how many contributions it holds; {@code members} lists at most as many as the analysis lists of a
     *        cluster (it caps them), so a large cluster's size is counted, not the length of its members
     * @param cohesion null where not known (a cluster an edit made)
     * @param originalLabel the label the analysis gave, when an edit changed it
     * @param sources the ids of the analysis clusters it is made of
     */
    public record Group(String id, String label, int size, List<UUID> members, List<String> terms, int supports,
            Double cohesion, List<TextAnalysis.Representative> representatives, List<TextAnalysis.Count> themes,
            List<TextAnalysis.Count> provinces, int districts, int municipalities, TextAnalysis.Cluster base,
            List<UUID> editIds, String originalLabel, List<String> sources) {

        public boolean edited() {
            return !editIds.isEmpty();
        }
    }

    public record Result(List<Group> clusters, List<EditOutcome> outcomes) {
    }

    private ClusterOverlay() {
    }

    /**
     * @param clusters the analysis's clusters
     * @param edits the active edits of the analysis's scope, oldest first
     * @param members facts of (at least) the contributions of the clusters edits touch
     */
    public static Result apply(List<TextAnalysis.Cluster> clusters, List<ClusterEdit> edits,
            Map<UUID, Member> members) {
        List<Work> work = new ArrayList<>(clusters.stream().map(Work::of).toList());
        Set<UUID> analysed = clusters.stream().flatMap(c -> c.members().stream()).collect(Collectors.toSet());
        List<EditOutcome> outcomes = new ArrayList<>();
        for (ClusterEdit edit : edits) {
            outcomes.add(switch (edit.kind()) {
                case RENAME -> rename(edit, work, analysed);
                case MERGE -> merge(edit, work, analysed, members);
                case SPLIT -> split(edit, work, analysed, members);
            });
            work.removeIf(w -> w.size <= 0);
        }
        return new Result(work.stream().map(Work::group).toList(), outcomes);
    }

    /** The cluster of {@code clusters} that holds at least {@link #MIN_SHARE} of the anchor's analysed contributions. */
    static Work match(List<UUID> anchor, List<Work> clusters, Set<UUID> analysed) {
        Set<UUID> live = new HashSet<>(anchor);
        live.retainAll(analysed);
        if (live.isEmpty()) {
            return null;
        }
        Work best = null;
        double bestShare = 0;
        double bestJaccard = 0;
        for (Work cluster : clusters) {
            long overlap = live.stream().filter(cluster.members::contains).count();
            if (overlap == 0) {
                continue;
            }
            double share = (double) overlap / live.size();
            double jaccard = (double) overlap / (live.size() + cluster.members.size() - overlap);
            if (share > bestShare || (share == bestShare && jaccard > bestJaccard)) {
                best = cluster;
                bestShare = share;
                bestJaccard = jaccard;
            }
        }
        return bestShare >= MIN_SHARE ? best : null;
    }

    private static EditOutcome rename(ClusterEdit edit, List<Work> work, Set<UUID> analysed) {
        Work cluster = match(edit.anchors().get(0), work, analysed);
        if (cluster == null) {
            return unmatched(edit, "Il gruppo rinominato non è più tra i gruppi calcolati");
        }
        cluster.relabel(edit.label());
        cluster.editIds.add(edit.id());
        return new EditOutcome(edit.id(), edit.kind(), EditStatus.APPLIED, List.of(cluster.id), null);
    }

    private static EditOutcome merge(ClusterEdit edit, List<Work> work, Set<UUID> analysed, Map<UUID, Member> members) {
        LinkedHashSet<Work> found = new LinkedHashSet<>();
        int missing = 0;
        for (List<UUID> anchor : edit.anchors()) {
            Work cluster = match(anchor, work, analysed);
            if (cluster == null) {
                missing++;
            } else {
                found.add(cluster);
            }
        }
        int matched = edit.anchors().size() - missing;
        if (matched < 2) {
            return unmatched(edit, "Meno di due dei gruppi uniti sono ancora tra i gruppi calcolati");
        }
        EditStatus status = missing == 0 ? EditStatus.APPLIED : EditStatus.PARTIAL;
        String detail = missing == 0 ? null : missing + " dei gruppi uniti non sono più tra i gruppi calcolati";
        List<Work> parts = List.copyOf(found);
        Work merged;
        if (parts.size() == 1) {
            // The analysis already put them together: the merge holds as it is.
            merged = parts.get(0);
            if (edit.label() != null) {
                merged.relabel(edit.label());
            }
        } else {
            merged = Work.union(EDIT_PREFIX + edit.id(), parts, edit.label(), members);
            work.set(work.indexOf(parts.get(0)), merged);
            parts.subList(1, parts.size()).forEach(work::remove);
        }
        merged.editIds.add(edit.id());
        return new EditOutcome(edit.id(), edit.kind(), status, List.of(merged.id), detail);
    }

    private static EditOutcome split(ClusterEdit edit, List<Work> work, Set<UUID> analysed, Map<UUID, Member> members) {
        Work cluster = match(edit.anchors().get(0), work, analysed);
        if (cluster == null) {
            return unmatched(edit, "Il gruppo diviso non è più tra i gruppi calcolati");
        }
        List<UUID> moving = edit.moved().stream().filter(cluster.members::contains).toList();
        if (moving.isEmpty()) {
            return unmatched(edit, "I contributi separati non sono più nel gruppo da cui erano stati separati");
        }
        Work part = cluster.takeOut(EDIT_PREFIX + edit.id(), moving, edit.label(), members);
        part.editIds.add(edit.id());
        cluster.editIds.add(edit.id());
        work.add(work.indexOf(cluster) + 1, part);
        return new EditOutcome(edit.id(), edit.kind(), EditStatus.APPLIED,
                cluster.size <= 0 ? List.of(part.id) : List.of(cluster.id, part.id), null);
    }

    private static EditOutcome unmatched(ClusterEdit edit, String detail) {
        return new EditOutcome(edit.id(), edit.kind(), EditStatus.UNMATCHED, List.of(), detail);
    }

    /** A cluster while edits apply. */
    static final class Work {

        final String id;
        String label;
        final LinkedHashSet<UUID> members;
        /** The contributions it holds, of which {@code members} may list only the first (the analysis caps them). */
        int size;
        final List<String> terms;
        int supports;
        Double cohesion;
        List<TextAnalysis.Representative> representatives;
        List<TextAnalysis.Count> themes;
        List<TextAnalysis.Count> provinces;
        int districts;
        int municipalities;
        final TextAnalysis.Cluster base;
        final List<UUID> editIds = new ArrayList<>();
        final String analysedLabel;
        final List<String> sources;

        private Work(String id, String label, LinkedHashSet<UUID> members, int size, List<String> terms,
                Double cohesion, List<TextAnalysis.Representative> representatives, TextAnalysis.Cluster base,
                String analysedLabel, List<String> sources) {
            this.id = id;
            this.label = label;
            this.members = members;
            this.size = size;
            this.terms = terms;
            this.cohesion = cohesion;
            this.representatives = representatives;
            this.base = base;
            this.analysedLabel = analysedLabel;
            this.sources = sources;
        }

        static Work of(TextAnalysis.Cluster c) {
            Work w = new Work(c.id(), c.label(), new LinkedHashSet<>(c.members()),
                    Math.max(c.size(), c.members().size()), c.terms(), c.cohesion(), c.representatives(), c, c.label(),
                    List.of(c.id()));
            w.supports = c.supports();
            w.themes = c.themes();
            w.provinces = c.provinces();
            w.districts = c.districts();
            w.municipalities = c.municipalities();
            return w;
        }

        /** Whether {@code members} lists every contribution it holds. */
        boolean complete() {
            return members.size() == size;
        }

        /**
         * The union of {@code parts}, which hold no contribution in common: sizes, supports and the theme and province
         * counts add up; districts and municipalities are counted from the members' facts where every member is
         * listed, else the largest part's count is the best known (a lower bound).
         */
        static Work union(String id, List<Work> parts, String label, Map<UUID, Member> facts) {
            LinkedHashSet<UUID> members = new LinkedHashSet<>();
            List<String> terms = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            List<TextAnalysis.Representative> representatives = new ArrayList<>();
            double weighted = 0;
            boolean cohesionKnown = true;
            int size = 0;
            for (Work part : parts) {
                members.addAll(part.members);
                part.terms.stream().filter(t -> !terms.contains(t)).forEach(terms::add);
                sources.addAll(part.sources);
                representatives.addAll(part.representatives);
                size += part.size;
                if (part.cohesion == null) {
                    cohesionKnown = false;
                } else {
                    weighted += part.cohesion * part.size;
                }
            }
            int shown = parts.stream().mapToInt(p -> p.representatives.size()).max().orElse(0);
            representatives.sort(Comparator.comparingDouble(TextAnalysis.Representative::similarity).reversed());
            String joined = label != null
                    ? label
                    : parts.stream().map(p -> p.label).collect(Collectors.joining(" / "));
            // Cohesion of the union is the size-weighted mean of its parts' cohesion: an estimate, not recomputed.
            Work w = new Work(id, joined, members, size,
                    List.copyOf(terms.subList(0, Math.min(MERGED_TERMS, terms.size()))),
                    cohesionKnown && size > 0 ? weighted / size : null,
                    List.copyOf(representatives.subList(0, Math.min(shown, representatives.size()))), null, null,
                    List.copyOf(sources));
            w.supports = parts.stream().mapToInt(p -> p.supports).sum();
            w.themes = add(parts.stream().map(p -> p.themes).toList());
            w.provinces = add(parts.stream().map(p -> p.provinces).toList());
            if (w.complete()) {
                w.territories(facts);
            } else {
                w.districts = parts.stream().mapToInt(p -> p.districts).max().orElse(0);
                w.municipalities = parts.stream().mapToInt(p -> p.municipalities).max().orElse(0);
            }
            return w;
        }

        /**
         * Moves {@code moving} (listed members) out of this cluster into a new one, which it returns, counted from
         * their facts; what stays loses exactly those counts.
         */
        Work takeOut(String partId, List<UUID> moving, String partLabel, Map<UUID, Member> facts) {
            Set<UUID> out = new HashSet<>(moving);
            members.removeAll(out);
            size -= moving.size();
            Work part = new Work(partId, partLabel, new LinkedHashSet<>(moving), moving.size(), List.of(), null,
                    representatives.stream().filter(r -> out.contains(r.id())).toList(), null, null, sources);
            representatives = representatives.stream().filter(r -> !out.contains(r.id())).toList();
            List<Member> known = part.known(facts);
            part.supports = known.stream().mapToInt(Member::supports).sum();
            part.themes = counts(known, Member::theme);
            part.provinces = counts(known, Member::province);
            part.territories(facts);
            supports = Math.max(0, supports - part.supports);
            themes = subtract(themes, part.themes);
            provinces = subtract(provinces, part.provinces);
            if (complete()) {
                territories(facts);
            }
            return part;
        }

        void relabel(String newLabel) {
            label = newLabel;
        }

        private List<Member> known(Map<UUID, Member> facts) {
            return members.stream().map(facts::get).filter(m -> m != null).toList();
        }

        /** Districts and municipalities counted from the members' facts (a member without facts counts nowhere). */
        private void territories(Map<UUID, Member> facts) {
            List<Member> known = known(facts);
            districts = (int) known.stream().map(Member::district).filter(ClusterOverlay::present).distinct().count();
            municipalities = (int) known.stream().map(Member::municipality).filter(ClusterOverlay::present).distinct()
                    .count();
        }

        Group group() {
            String original = analysedLabel != null && !analysedLabel.equals(label) ? analysedLabel : null;
            return new Group(id, label, size, List.copyOf(members), terms, supports, cohesion, representatives, themes,
                    provinces, districts, municipalities, base, List.copyOf(editIds), original, sources);
        }
    }

    private static List<TextAnalysis.Count> add(List<List<TextAnalysis.Count>> lists) {
        Map<String, Integer> summed = new LinkedHashMap<>();
        lists.forEach(list -> list.forEach(c -> summed.merge(c.code(), c.count(), Integer::sum)));
        return sorted(summed);
    }

    private static List<TextAnalysis.Count> subtract(List<TextAnalysis.Count> from, List<TextAnalysis.Count> less) {
        Map<String, Integer> left = new LinkedHashMap<>();
        from.forEach(c -> left.merge(c.code(), c.count(), Integer::sum));
        less.forEach(c -> left.merge(c.code(), -c.count(), Integer::sum));
        left.values().removeIf(n -> n <= 0);
        return sorted(left);
    }

    private static boolean present(String code) {
        return code != null && !code.isBlank();
    }

    private static List<TextAnalysis.Count> counts(List<Member> members, Function<Member, String> code) {
        Map<String, Integer> counted = new LinkedHashMap<>();
        members.stream().map(code).filter(ClusterOverlay::present).forEach(c -> counted.merge(c, 1, Integer::sum));
        return sorted(counted);
    }

    /** Largest count first, then by code. */
    private static List<TextAnalysis.Count> sorted(Map<String, Integer> counted) {
        return counted.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new TextAnalysis.Count(e.getKey(), e.getValue())).toList();
    }
}
