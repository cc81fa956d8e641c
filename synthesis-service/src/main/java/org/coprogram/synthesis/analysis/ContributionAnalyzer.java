package org.coprogram.synthesis.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.coprogram.common.text.ItalianText;

/**
 * Systematises contributions, per theme (area di intervento): Italian terms (Lucene's elisions, stop words, light
 * stemming, minus {@link #GENERIC_WORDS}) → TF-IDF over the plan → the theme's rows → LSA (truncated SVD, {@link Lsa}) → unit LSA
 * vectors → topics by a vote of many spherical k-means runs ({@link Consensus}, {@link TopicModel}); large topics are
 * split once more into sub-topics. Every cluster says which
 * words set it apart from its siblings and how stable it is when 10% of the theme's texts are left out. Contributions
 * are read in id order, so the result does not depend on the order they arrived in. {@link #update} places new
 * contributions in the clusters of an earlier full computation without moving the others.
 */
public final class ContributionAnalyzer {

    private static final int LABEL_TERMS = 3;
    private static final int TOP_TERMS = 8;
    private static final int DISTINGUISHING_TERMS = 6;
    private static final int REPRESENTATIVES = 3;
    private static final int MAX_MEMBERS = 500;
    private static final int EXCERPT = 280;

    /**
     * Words every contribution to a social plan uses whatever it is about: the verbs of asking ("chiediamo",
     * "servono", "potenziare"), the frame ("servizi sociali", "comune", "ambito", "persone"). Left in, they pull
     * unrelated contributions together. Stemmed with the same chain as the texts.
     */
    static final String GENERIC_WORDS = "servizio servizi sociale sociali persona persone servire serve servono "
            + "chiedere chiediamo proporre proponiamo proposta proposte comune comuni ambito ambiti territorio "
            + "territori territoriale oggi anno anni ogni tutto tutti tutte solo anche fare deve devono dovrebbe "
            + "nostro nostra nostri nostre molti molte garantire sostenere rafforzare potenziare aumentare "
            + "creare aprire finanziare prevedere introdurre estendere ridurre migliorare favorire valorizzare "
            + "progetti progetto percorsi percorso attività interventi intervento bisogno bisogni cittadini "
            + "regione regionale puglia abruzzo via modo parte casi caso dopo prima senza sempre almeno ancora";

    /** Texts the models of a plan's themes are fitted on, shared by the themes in proportion to their size. */
    static final int FIT_BUDGET = 8000;
    /** The fewest texts a theme's model is fitted on (all of them, if it has fewer). */
    static final int FIT_FLOOR = 400;

    private final ItalianText italian;
    private final TopicModel topics;
    private final Set<String> genericTerms;
    private final int fitBudget;

    public ContributionAnalyzer(ItalianText italian, int maxClusters) {
        this(italian, maxClusters, FIT_BUDGET);
    }

    public ContributionAnalyzer(ItalianText italian, int maxClusters, int fitBudget) {
        this.italian = italian;
        this.topics = new TopicModel(maxClusters);
        this.genericTerms = Set.copyOf(italian.terms(GENERIC_WORDS));
        this.fitBudget = fitBudget;
    }

    /**
     * How many of a theme's {@code themeSize} texts its model is fitted on when the plan has {@code total}: all when
     * the plan fits in {@code budget}; else the theme's share of the budget, at least {@value #FIT_FLOOR} (so a large
     * plan costs a fixed-size fit per theme, then one nearest-centre comparison per other text).
     */
    static int fitLimit(int themeSize, int total, int budget) {
        if (total <= budget) {
            return themeSize;
        }
        long share = ((long) budget * themeSize + total - 1) / total;
        return (int) Math.min(themeSize, Math.max(FIT_FLOOR, share));
    }

    public TextAnalysis analyse(List<TextContribution> input) {
        return fit(input).analysis();
    }

    String method() {
        return "Lucene ItalianLightStem + TF-IDF (1+ln tf, smoothed idf, min_df 2, max_df 0.5) + LSA "
                + "(randomized truncated SVD, " + TopicModel.RANK + " dims, unit rows) + evidence accumulation ("
                + TopicModel.VOTES + " spherical k-means runs, k from sqrt(n)/4 to sqrt(n)/2, average linkage cut at "
                + "co-association " + (1 - TopicModel.CUT) + "); sub-topics from " + TopicModel.SUBTOPIC_MIN
                + " texts (k by silhouette); stability: the vote again (" + TopicModel.RESAMPLE_VOTES + " runs) on "
                + TopicModel.TOPIC_RESAMPLES + " resamples of 90%; above " + fitBudget + " texts per plan, each "
                + "theme is fitted on an evenly spaced sample (its share of " + fitBudget + ", at least " + FIT_FLOOR
                + ") and its other texts join the nearest topic and sub-topic centre; "
                + "near-duplicates by MinHash, Jaccard >= " + NearDuplicates.THRESHOLD;
    }

    /** A full computation and what {@link #update} needs to place later contributions in its clusters. */
    record Fitted(TextAnalysis analysis, Map<String, ThemeModel> themes, Map<UUID, Integer> fingerprints,
            Map<UUID, Placement> placements, Map<UUID, TextContribution> placed, Map<String, Tally> members,
            Duplicates duplicates, Instant computedAt, int fullCount, int changedSinceFull) {
    }

    /**
     * The near-duplicate groups at the positions the full computation gave them (a group an update empties stays, so
     * positions hold) and the position of each member's group: an update rewrites only the groups its changes touch.
     */
    record Duplicates(List<TextAnalysis.DuplicateGroup> groups, Map<UUID, Integer> groupOf) {

        static Duplicates of(List<TextAnalysis.DuplicateGroup> groups) {
            Map<UUID, Integer> groupOf = new HashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                for (UUID id : groups.get(g).members()) {
                    groupOf.put(id, g);
                }
            }
            return new Duplicates(groups, groupOf);
        }

        /** Without the {@code left} contributions (removed or edited). */
        Duplicates without(Set<UUID> left) {
            Set<Integer> touched = new java.util.TreeSet<>();
            left.forEach(id -> {
                Integer g = groupOf.get(id);
                if (g != null) {
                    touched.add(g);
                }
            });
            if (touched.isEmpty()) {
                return this;
            }
            List<TextAnalysis.DuplicateGroup> next = new ArrayList<>(groups);
            for (int g : touched) {
                TextAnalysis.DuplicateGroup group = next.get(g);
                next.set(g, new TextAnalysis.DuplicateGroup(
                        group.members().stream().filter(id -> !left.contains(id)).toList(), group.excerpt()));
            }
            return new Duplicates(next, groupOf);
        }

        /** The groups that still have two members or more. */
        List<TextAnalysis.DuplicateGroup> shown() {
            return groups.stream().filter(g -> g.members().size() > 1).toList();
        }
    }

    /** A theme's vocabulary and LSA basis, and its topics' centres in LSA space. */
    record ThemeModel(TermVectors tfidf, Lsa lsa, List<Node> topics) {
    }

    /** A cluster's id and unit centre in its theme's LSA space, with its sub-topics. */
    record Node(String id, float[] centroid, List<Node> subtopics) {
    }

    /** Where a contribution sits: its theme, cluster and sub-topic (null when its cluster has none). */
    record Placement(String theme, String cluster, String subtopic) {
    }

    /** The analysed, usable contributions of one input. */
    private record Prepared(List<TextContribution> contributions, List<List<ItalianText.Term>> analysed,
            TermVectors global, Words words) {
    }

    private Prepared prepare(List<TextContribution> input) {
        List<TextContribution> contributions = input.stream().filter(c -> c.fullText() != null)
                .filter(c -> !c.fullText().isBlank()).sorted(Comparator.comparing(TextContribution::id)).toList();
        List<List<ItalianText.Term>> analysed = contributions.parallelStream().map(this::terms).toList();
        Words words = Words.of(analysed);
        TermVectors global = TermVectors.of(analysed.stream().map(terms -> terms.stream()
                .map(ItalianText.Term::stem).toList()).toList());
        return new Prepared(contributions, analysed, global, words);
    }

    private List<ItalianText.Term> terms(TextContribution c) {
        return italian.termsWithWords(c.fullText()).stream().filter(t -> !genericTerms.contains(t.stem())).toList();
    }

    /**
     * The features the clustering reads: the terms. (Pairs of adjacent terms were tried and lowered NMI on the
     * Covid19Italia corpus, 0.595 against 0.619; see docs/synthesis.md.)
     */
    static List<String> features(List<ItalianText.Term> terms) {
        return terms.stream().map(ItalianText.Term::stem).toList();
    }

    Fitted fit(List<TextContribution> input) {
        Prepared p = Stages.time("1 terms+tfidf", () -> prepare(input));
        List<TextContribution> contributions = p.contributions();
        Map<String, List<Integer>> byTheme = new TreeMap<>();
        for (int i = 0; i < contributions.size(); i++) {
            if (!p.global().vectors().get(i).isEmpty()) {
                byTheme.computeIfAbsent(themeOf(contributions.get(i)), t -> new ArrayList<>()).add(i);
            }
        }
        int total = byTheme.values().stream().mapToInt(List::size).sum();
        List<Built> built = new ArrayList<>();
        Map<String, Built[]> themeTopics = new LinkedHashMap<>();
        Map<String, ThemeModel> models = new TreeMap<>();
        // Themes are independent: analysed in parallel, collected in theme order (the same result either way).
        record OfTheme(String theme, TermVectors tfidf, TopicModel.Tree tree, List<Built> built) {
        }
        List<OfTheme> analysedThemes = byTheme.entrySet().parallelStream().map(entry -> {
            List<Integer> usable = entry.getValue();
            // Plan-wide vocabulary and idf: per-theme idf drops the words that define a theme ("assistenza
            // domiciliare" in "anziani") and scored lower on both real corpora (by theme: NMI 0.727 vs 0.748 and
            // 0.699 vs 0.709).
            TermVectors tfidf = p.global().rows(usable);
            TopicModel.Tree tree = topics.discover(tfidf.vectors(), tfidf.size(),
                    fitLimit(usable.size(), total, fitBudget));
            List<Built> ofTheme = Stages.time("7 describe", () -> describe(tree, usable, tfidf, contributions,
                    p.words()));
            return new OfTheme(entry.getKey(), tfidf, tree, ofTheme);
        }).toList();
        for (OfTheme t : analysedThemes) {
            built.addAll(t.built());
            themeTopics.put(t.theme(), t.built().toArray(Built[]::new));
            models.put(t.theme(), new ThemeModel(t.tfidf(), t.tree().lsa(), null));
        }
        List<TextAnalysis.Cluster> clusters = numbered(built);
        Map<UUID, Placement> placements = new HashMap<>();
        Map<String, ThemeModel> themes = new TreeMap<>();
        models.forEach((theme, model) -> {
            List<Node> nodes = new ArrayList<>();
            Built[] ofTheme = themeTopics.get(theme);
            // The theme's topics in the order of their ids, so the first is the largest.
            java.util.Arrays.sort(ofTheme, Comparator.comparing(b -> b.order));
            for (Built b : ofTheme) {
                List<Node> subs = new ArrayList<>();
                for (Built s : b.subtopics) {
                    subs.add(new Node(s.cluster.id(), s.centroid, List.of()));
                    s.members.forEach(i -> placements.put(contributions.get(i).id(),
                            new Placement(theme, b.cluster.id(), s.cluster.id())));
                }
                if (subs.isEmpty()) {
                    b.members.forEach(i -> placements.put(contributions.get(i).id(),
                            new Placement(theme, b.cluster.id(), null)));
                }
                nodes.add(new Node(b.cluster.id(), b.centroid, subs));
            }
            themes.put(theme, new ThemeModel(model.tfidf(), model.lsa(), nodes));
        });
        int analysed = byTheme.values().stream().mapToInt(List::size).sum();
        List<TextAnalysis.DuplicateGroup> duplicates = Stages.time("8 near-duplicates",
                () -> duplicates(p.analysed(), contributions));
        TextAnalysis analysis = Stages.time("9 keywords", () -> new TextAnalysis(input.size(), analysed, method(),
                clusters, duplicates, keywords(contributions, p.global(), p.words(), TextContribution::theme),
                keywords(contributions, p.global(), p.words(), TextContribution::province)));
        Map<String, List<TextContribution>> byCluster = new HashMap<>();
        Map<UUID, TextContribution> placed = new HashMap<>(placements.size() * 2);
        for (TextContribution c : contributions) {
            Placement placement = placements.get(c.id());
            if (placement != null) {
                placed.put(c.id(), c);
                byCluster.computeIfAbsent(placement.cluster(), id -> new ArrayList<>()).add(c);
                if (placement.subtopic() != null) {
                    byCluster.computeIfAbsent(placement.subtopic(), id -> new ArrayList<>()).add(c);
                }
            }
        }
        Map<String, Tally> members = new HashMap<>();
        byCluster.forEach((id, in) -> members.put(id, Tally.of(in)));
        return new Fitted(analysis, themes, fingerprints(contributions), placements, placed, members,
                Duplicates.of(duplicates), Instant.now(), contributions.size(), 0);
    }

    private static String themeOf(TextContribution c) {
        return c.theme() == null ? "" : c.theme();
    }

    private static Map<UUID, Integer> fingerprints(List<TextContribution> contributions) {
        Map<UUID, Integer> fingerprints = new HashMap<>(contributions.size() * 2);
        contributions.forEach(c -> fingerprints.put(c.id(), fingerprint(c)));
        return fingerprints;
    }

    /** Of what the analysis reads (title and text as they are: their hashes are kept by the strings). */
    private static int fingerprint(TextContribution c) {
        return java.util.Objects.hash(c.title(), c.text(), c.theme());
    }

    /**
     * The earlier analysis with the contributions of {@code input} that are new, edited or gone placed in its clusters
     * ({@link #update(Fitted, Collection, Collection, double)}); which ones changed is found by comparing a hash of
     * each text with the last computation's, so this reads every text once.
     */
    Fitted update(Fitted previous, List<TextContribution> input, double maxChangedShare) {
        List<TextContribution> contributions = input.stream().filter(ContributionAnalyzer::hasText).toList();
        Set<UUID> present = new HashSet<>(contributions.size() * 2);
        List<TextContribution> changed = new ArrayList<>();
        for (TextContribution c : contributions) {
            present.add(c.id());
            Integer before = previous.fingerprints().get(c.id());
            if (before == null || before != fingerprint(c)) {
                changed.add(c);
            }
        }
        List<UUID> removed = previous.fingerprints().keySet().stream().filter(id -> !present.contains(id)).toList();
        return update(previous, changed, removed, maxChangedShare);
    }

    /**
     * The earlier analysis with the changes the change log reported applied: each contribution's row now is compared
     * with what the analysis holds, so a change read twice (a redelivered event, a change log read again from an older
     * position) does nothing. A contribution no longer counted calls for a full computation (its words may be in a
     * label); a new text, or an edited title,
     * text or theme, is placed ({@link #update(Fitted, Collection, Collection, double)}); one whose text is the same
     * but whose supports or territory changed stays where it is and is counted again there (not a change of the
     * clustering: it does not count towards {@code maxChangedShare}, nor drop a representative). Returns the previous
     * computation itself when nothing differs, null when a full computation is due.
     */
    Fitted apply(Fitted previous, Collection<ContributionChange> changes, double maxChangedShare) {
        List<TextContribution> changed = new ArrayList<>();
        List<UUID> removed = new ArrayList<>();
        List<TextContribution> recounted = new ArrayList<>();
        for (ContributionChange change : changes) {
            TextContribution now = change.now();
            Integer before = previous.fingerprints().get(change.id());
            if (now == null || !hasText(now)) {
                if (before != null) {
                    // A contribution hidden by the moderators (or withdrawn) must leave the public clusters whole:
                    // their labels and terms come from the full computation's words, and in a small cluster its
                    // words could be the label for hours. So its leaving is a full computation, never an update.
                    return null;
                }
            } else if (before == null || before != fingerprint(now)) {
                changed.add(now);
            } else {
                TextContribution was = previous.placed().get(change.id());
                if (was != null && !was.equals(now)) {
                    recounted.add(now);
                }
            }
        }
        return update(previous, changed, removed, recounted, maxChangedShare);
    }

    Fitted update(Fitted previous, Collection<TextContribution> changed, Collection<UUID> removed,
            double maxChangedShare) {
        return update(previous, changed, removed, List.of(), maxChangedShare);
    }

    /**
     * The earlier analysis with {@code changed} (new or edited contributions) and {@code removed} (ids) applied: each
     * new or edited text is read with its theme's vocabulary, projected on the theme's LSA basis and given to the
     * nearest cluster centre (then sub-topic), so no other contribution moves. Labels, terms, representatives (less
     * removed or edited ones) and stability stay those of the full computation; sizes, supports, territories and
     * members follow in the clusters a change touches, the others keep their record. Near-duplicate groups and
     * keywords are those of the full computation less the removed or edited contributions. The work is in the changes
     * and the clusters they touch, not in the number of contributions: the per-contribution maps are the last full
     * computation's with the changes since on top ({@link Overlay}). Returns null when a full computation is due:
     * more than {@code maxChangedShare} of the contributions changed since the last one, or a new theme appeared.
     * {@code recounted} contributions keep their place (same text) and are counted again with their row now.
     */
    Fitted update(Fitted previous, Collection<TextContribution> changed, Collection<UUID> removed,
            Collection<TextContribution> recounted, double maxChangedShare) {
        int changedSinceFull = previous.changedSinceFull() + changed.size() + removed.size();
        if (changedSinceFull > maxChangedShare * Math.max(1, previous.fullCount())) {
            return null;
        }
        if (changed.isEmpty() && removed.isEmpty() && recounted.isEmpty()) {
            return previous;
        }
        Membership members = new Membership(previous);
        Set<UUID> gone = new HashSet<>();
        Map<UUID, Integer> newFingerprints = new HashMap<>();
        Set<UUID> unplaced = new HashSet<>();
        Map<UUID, Placement> placed = new HashMap<>();
        int contributions = previous.analysis().contributions();
        for (UUID id : removed) {
            if (previous.fingerprints().containsKey(id)) {
                members.leave(id);
                unplaced.add(id);
                gone.add(id);
                contributions--;
            }
        }
        Set<UUID> changedIds = new HashSet<>();
        for (TextContribution c : changed) {
            changedIds.add(c.id());
            boolean known = previous.fingerprints().containsKey(c.id());
            members.leave(c.id());
            unplaced.add(c.id());
            if (!hasText(c)) {
                if (known) {
                    gone.add(c.id());
                    contributions--;
                }
                continue;
            }
            if (!known) {
                contributions++;
            }
            newFingerprints.put(c.id(), fingerprint(c));
            if (terms(c).isEmpty()) {
                continue;
            }
            Placement placement = place(previous, c);
            if (placement == null) {
                return null;
            }
            placed.put(c.id(), placement);
            members.join(c, placement);
        }
        for (TextContribution c : recounted) {
            Placement placement = previous.placements().get(c.id());
            if (placement != null && !changedIds.contains(c.id()) && !gone.contains(c.id())) {
                members.leave(c.id());
                members.join(c, placement);
            }
        }
        unplaced.removeAll(placed.keySet());
        Overlay<UUID, Placement> placements = Overlay.of(previous.placements()).with(placed, unplaced);
        Overlay<UUID, TextContribution> placedTexts = Overlay.of(previous.placed()).with(members.joined(), unplaced);
        Overlay<UUID, Integer> fingerprints = Overlay.of(previous.fingerprints()).with(newFingerprints, gone);
        List<TextAnalysis.Cluster> clusters = previous.analysis().clusters().stream()
                .map(cluster -> members.affected(cluster.id())
                        ? refreshed(cluster, members.byCluster(), changedIds)
                        : cluster)
                .toList();
        TextAnalysis before = previous.analysis();
        Set<UUID> left = new HashSet<>(changedIds);
        left.addAll(gone);
        Duplicates duplicates = previous.duplicates().without(left);
        TextAnalysis analysis = new TextAnalysis(contributions, placements.size(), before.method(), clusters,
                duplicates == previous.duplicates() ? before.nearDuplicates() : duplicates.shown(),
                before.keywordsByTheme(), before.keywordsByProvince());
        return new Fitted(analysis, previous.themes(), fingerprints, placements, placedTexts, members.byCluster(),
                duplicates, previous.computedAt(), previous.fullCount(), changedSinceFull);
    }

    /**
     * The members of each cluster and sub-topic ({@link Tally}) as an update changes them: only the tallies a change
     * touches are replaced, the others are shared with the previous computation.
     */
    private static final class Membership {

        private final Fitted previous;
        private final Map<String, Tally> byCluster;
        private final Set<String> touched = new HashSet<>();
        private final Map<UUID, TextContribution> joined = new HashMap<>();

        Membership(Fitted previous) {
            this.previous = previous;
            this.byCluster = new HashMap<>(previous.members());
        }

        /** Takes a contribution out of its cluster (as it was counted when it joined). */
        void leave(UUID id) {
            Placement before = previous.placements().get(id);
            TextContribution was = joined.containsKey(id) ? joined.remove(id) : previous.placed().get(id);
            if (before != null && was != null) {
                change(before.cluster(), t -> t.without(was));
                if (before.subtopic() != null) {
                    change(before.subtopic(), t -> t.without(was));
                }
            }
        }

        void join(TextContribution c, Placement placement) {
            joined.put(c.id(), c);
            change(placement.cluster(), t -> t.with(c));
            if (placement.subtopic() != null) {
                change(placement.subtopic(), t -> t.with(c));
            }
        }

        private void change(String cluster, java.util.function.UnaryOperator<Tally> how) {
            touched.add(cluster);
            byCluster.put(cluster, how.apply(byCluster.getOrDefault(cluster, Tally.EMPTY)));
        }

        /** Whether a change touched the cluster (its sub-topics are keyed by their own ids). */
        boolean affected(String cluster) {
            return touched.contains(cluster);
        }

        Map<String, Tally> byCluster() {
            return byCluster;
        }

        /** The contributions this update placed, as they were read. */
        Map<UUID, TextContribution> joined() {
            return joined;
        }
    }

    /** Whether a contribution has a text to read ({@link TextContribution#fullText()} neither null nor blank). */
    private static boolean hasText(TextContribution c) {
        return c.title() != null && !c.title().isBlank() || c.text() != null && !c.text().isBlank();
    }

    /** Where a new contribution goes in a full computation's clusters; null if its theme is new or it has no word. */
    Placement place(Fitted fitted, TextContribution c) {
        ThemeModel model = fitted.themes().get(themeOf(c));
        List<ItalianText.Term> terms = c.fullText() == null ? List.of() : terms(c);
        return model == null || terms.isEmpty() ? null : place(model, themeOf(c), terms);
    }

    /** The nearest cluster (and sub-topic) of a new contribution; a text with no known word joins the largest. */
    static Placement place(ThemeModel model, String theme, List<ItalianText.Term> terms) {
        SparseVector tfidf = model.tfidf().vector(features(terms));
        SparseVector unit = model.lsa().unit(tfidf);
        Node topic = nearest(model.topics(), unit);
        Node sub = topic.subtopics().isEmpty() ? null : nearest(topic.subtopics(), unit);
        return new Placement(theme, topic.id(), sub == null ? null : sub.id());
    }

    /** The nearest node ({@link TopicModel#nearest}); a vector with no known word joins the first (the largest). */
    private static Node nearest(List<Node> nodes, SparseVector unit) {
        return nodes.get(TopicModel.nearest(nodes.stream().map(Node::centroid).toList(), 0, unit));
    }

    private static TextAnalysis.Cluster refreshed(TextAnalysis.Cluster cluster, Map<String, Tally> tallies,
            Set<UUID> changed) {
        Tally tally = tallies.getOrDefault(cluster.id(), Tally.EMPTY);
        List<TextAnalysis.Cluster> subtopics = cluster.subtopics().stream()
                .map(s -> refreshed(s, tallies, changed)).toList();
        List<TextAnalysis.Representative> representatives = cluster.representatives().stream()
                .filter(r -> tally.contains(r.id()) && !changed.contains(r.id())).toList();
        return new TextAnalysis.Cluster(cluster.id(), cluster.label(), cluster.terms(), tally.size(),
                tally.supports(), cluster.cohesion(), representatives, Tally.counts(tally.themes()),
                Tally.counts(tally.provinces()), tally.districts().size(), tally.municipalities().size(),
                tally.first(MAX_MEMBERS), cluster.stability(), cluster.stable(), cluster.distinguishingTerms(),
                subtopics);
    }

    /** A cluster being built: its record (without id yet), members (indexes into the contributions), centre. */
    private static final class Built {
        TextAnalysis.Cluster cluster;
        final List<Integer> members;
        final float[] centroid;
        final List<Built> subtopics;
        int order;

        Built(TextAnalysis.Cluster cluster, List<Integer> members, float[] centroid, List<Built> subtopics) {
            this.cluster = cluster;
            this.members = members;
            this.centroid = centroid;
            this.subtopics = subtopics;
        }
    }

    /** The records of one theme's topics (and their sub-topics), explained against their siblings. */
    private static List<Built> describe(TopicModel.Tree tree, List<Integer> usable, TermVectors tfidf,
            List<TextContribution> contributions, Words words) {
        return describe(tree.topics(), usable, tfidf, contributions, words);
    }

    private static List<Built> describe(List<TopicModel.Topic> siblings, List<Integer> usable, TermVectors tfidf,
            List<TextContribution> contributions, Words words) {
        float[] all = new float[tfidf.size()];
        int allCount = 0;
        List<float[]> sums = new ArrayList<>();
        for (TopicModel.Topic topic : siblings) {
            float[] sum = new float[tfidf.size()];
            topic.members().forEach(i -> tfidf.vectors().get(i).addTo(sum));
            sums.add(sum);
            for (int t = 0; t < sum.length; t++) {
                all[t] += sum[t];
            }
            allCount += topic.members().size();
        }
        List<Built> built = new ArrayList<>();
        for (int s = 0; s < siblings.size(); s++) {
            TopicModel.Topic topic = siblings.get(s);
            float[] sum = sums.get(s);
            int size = topic.members().size();
            List<String> distinguishing = new ArrayList<>();
            if (siblings.size() > 1) {
                float[] contrast = new float[sum.length];
                int rest = allCount - size;
                for (int t = 0; t < sum.length; t++) {
                    contrast[t] = sum[t] / size - (rest == 0 ? 0 : (all[t] - sum[t]) / rest);
                }
                distinguishing = display(tfidf, words, tfidf.top(contrast, DISTINGUISHING_TERMS * 3),
                        DISTINGUISHING_TERMS);
            }
            List<String> terms = new ArrayList<>();
            for (int id : tfidf.top(sum, TOP_TERMS * 4)) {
                if (!tfidf.term(id).contains(" ") && terms.size() < TOP_TERMS) {
                    terms.add(words.word(tfidf.term(id)));
                }
            }
            List<Built> subtopics = describe(topic.subtopics(), usable, tfidf, contributions, words);
            built.add(build(topic, sum, usable, tfidf, contributions, terms, distinguishing, subtopics));
        }
        return built;
    }

    /** Display words for term ids; a single word already inside a chosen pair ("assistenza domiciliare") is left. */
    private static List<String> display(TermVectors tfidf, Words words, int[] ids, int limit) {
        List<String> shown = new ArrayList<>();
        for (int id : ids) {
            String word = words.word(tfidf.term(id));
            boolean covered = shown.stream().anyMatch(w -> (" " + w + " ").contains(" " + word + " "));
            if (!covered && shown.size() < limit) {
                shown.removeIf(w -> word.contains(" ") && (" " + word + " ").contains(" " + w + " "));
                shown.add(word);
            }
        }
        return shown;
    }

    private static Built build(TopicModel.Topic topic, float[] sum, List<Integer> usable, TermVectors tfidf,
            List<TextContribution> contributions, List<String> terms, List<String> distinguishing,
            List<Built> subtopics) {
        float[] centre = sum.clone();
        double norm = 0;
        for (float x : centre) {
            norm += x * x;
        }
        double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int t = 0; t < centre.length; t++) {
            centre[t] *= (float) scale;
        }
        List<Integer> ordered = new ArrayList<>(topic.members());
        Map<Integer, Double> similarity = new HashMap<>();
        ordered.forEach(i -> similarity.put(i, tfidf.vectors().get(i).dot(centre)));
        ordered.sort(Comparator.<Integer, Double>comparing(similarity::get).reversed()
                .thenComparing(i -> contributions.get(usable.get(i)).id()));
        List<TextContribution> inCluster = ordered.stream().map(i -> contributions.get(usable.get(i))).toList();
        List<TextAnalysis.Representative> representatives = new ArrayList<>();
        for (int r = 0; r < Math.min(REPRESENTATIVES, ordered.size()); r++) {
            TextContribution rep = inCluster.get(r);
            representatives.add(new TextAnalysis.Representative(rep.id(), rep.kind(), rep.title(),
                    excerpt(rep.text()), round(similarity.get(ordered.get(r)))));
        }
        double cohesion = ordered.stream().mapToDouble(similarity::get).sum() / Math.max(1, ordered.size());
        List<String> labelWords = new ArrayList<>(distinguishing);
        terms.stream().filter(t -> !labelWords.contains(t)).forEach(labelWords::add);
        String label = String.join(", ", labelWords.subList(0, Math.min(LABEL_TERMS, labelWords.size())));
        TextAnalysis.Cluster cluster = new TextAnalysis.Cluster(null, label, terms, ordered.size(),
                inCluster.stream().mapToInt(TextContribution::supports).sum(), round(cohesion), representatives,
                counts(inCluster, TextContribution::theme), counts(inCluster, TextContribution::province),
                distinct(inCluster, TextContribution::district), distinct(inCluster, TextContribution::municipality),
                inCluster.stream().map(TextContribution::id).sorted().limit(MAX_MEMBERS).toList(),
                round(topic.stability()), topic.stability() >= TopicModel.STABLE, distinguishing, List.of());
        List<Integer> members = topic.members().stream().map(usable::get).toList();
        return new Built(cluster, members, topic.centroid(), subtopics);
    }

    /** Ids C1, C2, … by size (then label) across themes; sub-topics C1.1, C1.2, … within their cluster. */
    private static List<TextAnalysis.Cluster> numbered(List<Built> built) {
        List<Built> sorted = new ArrayList<>(built);
        sorted.sort(Comparator.<Built>comparingInt(b -> b.cluster.size()).reversed()
                .thenComparing(b -> b.cluster.label()).thenComparing(b -> b.cluster.members().get(0)));
        List<TextAnalysis.Cluster> numbered = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Built b = sorted.get(i);
            b.order = i;
            numbered.add(withId(b, "C" + (i + 1)));
        }
        return numbered;
    }

    private static TextAnalysis.Cluster withId(Built b, String id) {
        List<Built> subs = new ArrayList<>(b.subtopics);
        subs.sort(Comparator.<Built>comparingInt(s -> s.cluster.size()).reversed()
                .thenComparing(s -> s.cluster.label()).thenComparing(s -> s.cluster.members().get(0)));
        List<TextAnalysis.Cluster> subtopics = new ArrayList<>();
        for (int i = 0; i < subs.size(); i++) {
            subtopics.add(withId(subs.get(i), id + "." + (i + 1)));
        }
        TextAnalysis.Cluster c = b.cluster;
        b.cluster = new TextAnalysis.Cluster(id, c.label(), c.terms(), c.size(), c.supports(), c.cohesion(),
                c.representatives(), c.themes(), c.provinces(), c.districts(), c.municipalities(), c.members(),
                c.stability(), c.stable(), c.distinguishingTerms(), subtopics);
        return b.cluster;
    }

    private static List<TextAnalysis.DuplicateGroup> duplicates(List<List<ItalianText.Term>> analysed,
            List<TextContribution> contributions) {
        // Term ids in order of first appearance (the MinHash functions read them). Blocks of texts list their terms in
        // that order in parallel; the blocks in text order then number them as one pass over the texts would.
        int block = 2048;
        List<Set<String>> firstSeen = java.util.stream.IntStream.range(0, (analysed.size() + block - 1) / block)
                .parallel().mapToObj(b -> {
                    Set<String> seen = new java.util.LinkedHashSet<>();
                    analysed.subList(b * block, Math.min(analysed.size(), (b + 1) * block))
                            .forEach(terms -> terms.forEach(t -> seen.add(t.stem())));
                    return seen;
                }).toList();
        Map<String, Integer> ids = new HashMap<>();
        firstSeen.forEach(seen -> seen.forEach(stem -> ids.putIfAbsent(stem, ids.size())));
        List<int[]> sets = analysed.parallelStream().map(terms -> {
            int[] set = new int[terms.size()];
            for (int t = 0; t < set.length; t++) {
                set[t] = ids.get(terms.get(t).stem());
            }
            java.util.Arrays.sort(set);
            int distinct = 0;
            for (int t = 0; t < set.length; t++) {
                if (t == 0 || set[t] != set[t - 1]) {
                    set[distinct++] = set[t];
                }
            }
            return java.util.Arrays.copyOf(set, distinct);
        }).toList();
        return NearDuplicates.groups(sets).stream()
                .map(group -> new TextAnalysis.DuplicateGroup(
                        group.stream().map(i -> contributions.get(i).id()).toList(),
                        excerpt(contributions.get(group.get(0)).text())))
                .toList();
    }

    /** Per group, the terms whose summed TF-IDF weight in the group is highest. */
    private static List<TextAnalysis.Keywords> keywords(List<TextContribution> contributions, TermVectors tfidf,
            Words words, Function<TextContribution, String> groupOf) {
        Map<String, float[]> sums = new TreeMap<>();
        for (int i = 0; i < contributions.size(); i++) {
            String group = groupOf.apply(contributions.get(i));
            if (group != null && !group.isBlank() && !tfidf.vectors().get(i).isEmpty()) {
                tfidf.vectors().get(i).addTo(sums.computeIfAbsent(group, g -> new float[tfidf.size()]));
            }
        }
        List<TextAnalysis.Keywords> keywords = new ArrayList<>();
        sums.forEach((group, sum) -> {
            List<String> top = new ArrayList<>();
            for (int term : tfidf.top(sum, TOP_TERMS)) {
                top.add(words.word(tfidf.term(term)));
            }
            keywords.add(new TextAnalysis.Keywords(group, top));
        });
        return keywords;
    }

    private static List<TextAnalysis.Count> counts(List<TextContribution> contributions,
            Function<TextContribution, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        contributions.stream().map(key).filter(k -> k != null && !k.isBlank())
                .forEach(k -> counts.merge(k, 1, Integer::sum));
        return counts.entrySet().stream().map(e -> new TextAnalysis.Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(TextAnalysis.Count::count).reversed()
                        .thenComparing(TextAnalysis.Count::code))
                .toList();
    }

    private static int distinct(List<TextContribution> contributions, Function<TextContribution, String> key) {
        Set<String> values = new HashSet<>();
        contributions.stream().map(key).filter(k -> k != null && !k.isBlank()).forEach(values::add);
        return values.size();
    }

    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT - 1).strip() + "…";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * For each term, the word it most often came from, so labels read "povertà educativa", not "povert educ"; a pair
     * of terms reads as its two words.
     */
    private record Words(Map<String, String> byStem) {

        static Words of(List<List<ItalianText.Term>> analysed) {
            // Whole counts, so counting parts of the texts in parallel and adding them up gives the same counts.
            Map<String, Map<String, Integer>> counts = analysed.parallelStream().collect(HashMap::new,
                    (into, terms) -> terms.forEach(t -> into.computeIfAbsent(t.stem(), s -> new HashMap<>())
                            .merge(t.word(), 1, Integer::sum)),
                    (a, b) -> b.forEach((stem, words) -> {
                        Map<String, Integer> merged = a.computeIfAbsent(stem, s -> new HashMap<>());
                        words.forEach((word, count) -> merged.merge(word, count, Integer::sum));
                    }));
            Map<String, String> byStem = new HashMap<>();
            counts.forEach((stem, words) -> byStem.put(stem, words.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow().getKey()));
            return new Words(byStem);
        }

        String word(String stem) {
            int space = stem.indexOf(' ');
            if (space > 0) {
                return word(stem.substring(0, space)) + " " + word(stem.substring(space + 1));
            }
            return byStem.getOrDefault(stem, stem);
        }
    }
}
