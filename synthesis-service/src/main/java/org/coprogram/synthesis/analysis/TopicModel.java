package org.coprogram.synthesis.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.coprogram.synthesis.analysis.SphericalKMeans.Partition;

/**
 * Topics within one theme: LSA of the theme's TF-IDF vectors, unit LSA rows, then topics by a vote of many spherical
 * k-means runs ({@link Consensus}) on an evenly spaced sample; a theme of {@value #ALWAYS_SPLIT} texts or more where
 * the vote finds no two groups is split by k-means with k chosen by the silhouette (k >= 2). Topics of at least
 * {@value #SUBTOPIC_MIN} texts are split once more in the same space, by k-means and the silhouette, only where the
 * silhouette reaches {@value #SUBTOPIC_SILHOUETTE}. All seeds are fixed, so the same vectors in the same order give
 * the same topics.
 */
final class TopicModel {

    /** k-means runs that vote on which texts belong together. */
    static final int VOTES = 60;
    /** The dendrogram of the votes is cut at this distance: groups kept together by more than 30% of runs on average. */
    static final double CUT = 0.7;
    /** The smallest group the vote may make a topic of (or 1% of the sample, if more). */
    static final int MIN_TOPIC = 5;
    /** LSA dimensions (fewer for small themes: at most half the texts). */
    static final int RANK = 100;
    /** k-means++ restarts per k; the run with the best summed similarity wins. */
    static final int RESTARTS = 5;
    /** A theme with fewer texts than this is one cluster: too few to tell topics apart reliably. */
    static final int MIN_TO_SPLIT = 20;
    /** From this many texts a theme is always split (k >= 2): one cluster of hundreds says nothing. */
    static final int ALWAYS_SPLIT = 200;
    /** The smallest mean cluster size k may imply (k <= n / this). */
    static final int MIN_MEAN_SIZE = 5;
    /** A topic of at least this many texts is split into sub-topics if a split is clearly there. */
    static final int SUBTOPIC_MIN = 40;
    static final int MAX_SUBTOPICS = 6;
    /** Sub-topics need a clearer structure than topics (silhouette on the topic's texts). */
    static final double SUBTOPIC_SILHOUETTE = 0.1;
    /** Texts the silhouette (quadratic) and the choice of k read: an evenly spaced sample. */
    static final int SAMPLE = 1000;
    /** Texts the choice of sub-topics reads, evenly spaced. */
    static final int SUBTOPIC_SAMPLE = 300;
    /** Texts the LSA basis is fitted on, evenly spaced; all texts are then projected on it. */
    static final int LSA_FIT = 3000;
    static final int RESAMPLES = 5;
    static final double RESAMPLE_SHARE = 0.9;
    /**
     * Resamples of 90% of a theme's vote sample on which its topics are found again (seeds 1 and 2), and the k-means
     * runs of the vote on each: with fewer runs than 30 the vote is less steady (20: stability 0.05 lower on the
     * corpora), with fewer resamples the figures are only noisier; each resample costs about half the full vote
     * (docs/synthesis.md).
     */
    static final int TOPIC_RESAMPLES = 2;
    static final int RESAMPLE_VOTES = 30;
    /** Texts the sub-topics' stability reads, evenly spaced. */
    static final int STABILITY_SAMPLE = 1500;
    /** A cluster is {@code stable} when at least this share of its members' pairs stay together in resamples. */
    static final double STABLE = 0.8;
    /** How far under the best silhouette a larger k may be and still be preferred (text topics nest; NMI likes detail). */
    static final double TOLERANCE = 0.01;

    private final int maxClusters;
    private final double tolerance;

    TopicModel(int maxClusters) {
        this(maxClusters, TOLERANCE);
    }

    TopicModel(int maxClusters, double tolerance) {
        this.maxClusters = maxClusters;
        this.tolerance = tolerance;
    }

    /** Members are indexes into the theme's vectors; centroid is the unit centre in LSA space. */
    record Topic(List<Integer> members, float[] centroid, double stability, List<Topic> subtopics) {
    }

    record Tree(Lsa lsa, List<Topic> topics) {
    }

    Tree discover(List<SparseVector> tfidf, int dimensions) {
        return discover(tfidf, dimensions, Integer.MAX_VALUE);
    }

    /**
     * The theme's topics, fitted on at most {@code fitLimit} of its texts: an evenly spaced sample of the non-empty
     * rows (in their order, so the same rows give the same sample) is what the LSA basis, the vote, the stability and
     * the sub-topics read; every other text then joins the nearest topic centre and the nearest sub-topic centre of
     * that topic in LSA space ({@link #nearest}), as a contribution placed later by the incremental path would. With
     * no more texts than {@code fitLimit}, every text is fitted and the topics are those of the uncapped model.
     */
    Tree discover(List<SparseVector> tfidf, int dimensions, int fitLimit) {
        List<Integer> nonEmpty = IntStream.range(0, tfidf.size()).filter(i -> !tfidf.get(i).isEmpty()).boxed()
                .toList();
        List<Integer> fitted = evenly(nonEmpty, Math.max(1, fitLimit));
        List<SparseVector> fitRows = evenly(fitted, LSA_FIT).stream().map(tfidf::get).toList();
        int rank = Math.min(RANK, Math.max(1, fitRows.size() / 2));
        Lsa lsa = Stages.time("2 lsa fit", () -> Lsa.fit(fitRows, dimensions, rank, 1));
        List<SparseVector> unit = Stages.time("3 lsa project",
                () -> nonEmpty.parallelStream().map(i -> lsa.unit(tfidf.get(i))).toList());
        List<Topic> topics;
        if (fitted.size() == nonEmpty.size()) {
            topics = split(unit, nonEmpty, lsa.rank(), 0);
        } else {
            Map<Integer, SparseVector> unitOf = new HashMap<>(nonEmpty.size() * 2);
            for (int j = 0; j < nonEmpty.size(); j++) {
                unitOf.put(nonEmpty.get(j), unit.get(j));
            }
            List<Topic> found = split(fitted.stream().map(unitOf::get).toList(), fitted, lsa.rank(), 0);
            Set<Integer> inFit = new HashSet<>(fitted);
            List<Integer> rest = nonEmpty.stream().filter(i -> !inFit.contains(i)).toList();
            topics = Stages.time("3 assign the rest",
                    () -> withRest(found, rest, rest.stream().map(unitOf::get).toList()));
        }
        if (nonEmpty.size() < tfidf.size()) {
            // Texts that share no word with the rest of their theme join its largest topic.
            List<Integer> rest = IntStream.range(0, tfidf.size()).filter(i -> tfidf.get(i).isEmpty()).boxed()
                    .toList();
            List<Topic> withRest = new ArrayList<>();
            if (topics.isEmpty()) {
                withRest.add(new Topic(rest, new float[lsa.rank()], 1, List.of()));
            } else {
                int largest = largest(topics);
                for (int t = 0; t < topics.size(); t++) {
                    Topic topic = topics.get(t);
                    if (t == largest) {
                        List<Integer> members = new ArrayList<>(topic.members());
                        members.addAll(rest);
                        members.sort(null);
                        topic = new Topic(members, topic.centroid(), topic.stability(), topic.subtopics());
                    }
                    withRest.add(topic);
                }
            }
            topics = withRest;
        }
        return new Tree(lsa, topics);
    }

    /**
     * The topics with each of {@code rest} (indexes into the theme, with their unit LSA vectors {@code points}) added
     * to its nearest topic and, if the topic has sub-topics, to its nearest sub-topic; members stay in ascending
     * order. Centres, stability and sub-topics are those of the fit.
     */
    static List<Topic> withRest(List<Topic> topics, List<Integer> rest, List<SparseVector> points) {
        if (topics.isEmpty() || rest.isEmpty()) {
            return topics;
        }
        List<float[]> centres = topics.stream().map(Topic::centroid).toList();
        int largest = largest(topics);
        List<List<float[]>> subCentres = topics.stream()
                .map(t -> t.subtopics().stream().map(Topic::centroid).toList()).toList();
        int[] subLargest = topics.stream().mapToInt(t -> largest(t.subtopics())).toArray();
        int[][] where = IntStream.range(0, rest.size()).parallel().mapToObj(r -> {
            int t = nearest(centres, largest, points.get(r));
            int s = subCentres.get(t).isEmpty() ? -1 : nearest(subCentres.get(t), subLargest[t], points.get(r));
            return new int[]{t, s};
        }).toArray(int[][]::new);
        List<Topic> out = new ArrayList<>(topics.size());
        for (int t = 0; t < topics.size(); t++) {
            Topic topic = topics.get(t);
            List<Integer> members = new ArrayList<>(topic.members());
            List<List<Integer>> subMembers = topic.subtopics().stream()
                    .map(sub -> (List<Integer>) new ArrayList<>(sub.members())).toList();
            for (int r = 0; r < rest.size(); r++) {
                if (where[r][0] == t) {
                    members.add(rest.get(r));
                    if (where[r][1] >= 0) {
                        subMembers.get(where[r][1]).add(rest.get(r));
                    }
                }
            }
            members.sort(null);
            List<Topic> subtopics = new ArrayList<>();
            for (int s = 0; s < topic.subtopics().size(); s++) {
                Topic sub = topic.subtopics().get(s);
                List<Integer> sorted = subMembers.get(s);
                sorted.sort(null);
                subtopics.add(new Topic(sorted, sub.centroid(), sub.stability(), sub.subtopics()));
            }
            out.add(new Topic(members, topic.centroid(), topic.stability(), subtopics));
        }
        return out;
    }

    /** The first topic with the most members (where a text with no known word goes). */
    private static int largest(List<Topic> topics) {
        int largest = 0;
        for (int t = 1; t < topics.size(); t++) {
            if (topics.get(t).members().size() > topics.get(largest).members().size()) {
                largest = t;
            }
        }
        return largest;
    }

    /**
     * The index of the centre most similar to {@code unit} (the first of equals, within 1e-9); {@code empty} when the
     * vector is zero (it has no word the LSA basis knows). The full computation's assignment of the texts outside the
     * fit and the incremental placement of new contributions both use it, so they agree.
     */
    static int nearest(List<float[]> centres, int empty, SparseVector unit) {
        if (unit.isEmpty()) {
            return empty;
        }
        int best = 0;
        double bestSimilarity = unit.dot(centres.get(0));
        for (int c = 1; c < centres.size(); c++) {
            double s = unit.dot(centres.get(c));
            if (s > bestSimilarity + 1e-9) {
                bestSimilarity = s;
                best = c;
            }
        }
        return best;
    }

    /** {@code points} are unit LSA vectors; {@code indexes} where each is in the theme. */
    private List<Topic> split(List<SparseVector> points, List<Integer> indexes, int dimensions, int depth) {
        int n = points.size();
        if (n == 0) {
            return List.of();
        }
        int kMax = depth == 0 ? Math.min(maxClusters, n / MIN_MEAN_SIZE) : Math.min(MAX_SUBTOPICS, n / 10);
        boolean mustSplit = depth == 0 && n >= ALWAYS_SPLIT;
        int minToSplit = depth == 0 ? MIN_TO_SPLIT : SUBTOPIC_MIN;
        Partition chosen = null;
        List<Integer> sampled = evenly(IntStream.range(0, n).boxed().toList(), depth == 0 ? SAMPLE : SUBTOPIC_SAMPLE);
        List<SparseVector> sample = sampled.stream().map(points::get).toList();
        Vote vote = Vote.of(sample.size(), VOTES, sample.size() == n);
        if (n >= minToSplit && kMax >= 2 && dimensions > 0) {
            if (depth == 0) {
                chosen = Stages.time("4 vote", () -> consensus(sample, points, dimensions, kMax, vote));
            }
            if (chosen == null && (depth > 0 || mustSplit)) {
                Partition bySilhouette = Stages.time(depth == 0 ? "4 vote" : null,
                        () -> bySilhouette(sample, points, dimensions, kMax, mustSplit ? -1 : SUBTOPIC_SILHOUETTE));
                chosen = bySilhouette;
            }
        }
        if (chosen == null) {
            return List.of(new Topic(indexes, mean(points, dimensions), 1.0,
                    depth == 0 ? List.of() : List.of()));
        }
        Partition kept = chosen;
        double[] stability = depth == 0
                ? Stages.time("5 stability", () -> resampledStability(sample, sampled.stream()
                        .mapToInt(i -> kept.assignment()[i]).toArray(), kept.k(), dimensions, kMax, mustSplit, vote))
                : stability(points, kept.assignment(), kept.k(), dimensions);
        List<List<Integer>> members = new ArrayList<>();
        List<List<SparseVector>> memberPoints = new ArrayList<>();
        for (int c = 0; c < chosen.k(); c++) {
            members.add(new ArrayList<>());
            memberPoints.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(chosen.assignment()[i]).add(indexes.get(i));
            memberPoints.get(chosen.assignment()[i]).add(points.get(i));
        }
        // The topics' sub-topics are independent: computed in parallel, collected in topic order.
        Partition split = chosen;
        return Stages.time(depth == 0 ? "6 sub-topics" : null,
                () -> IntStream.range(0, split.k()).parallel().filter(c -> !members.get(c).isEmpty()).mapToObj(c -> {
                    List<Topic> subtopics = depth == 0
                            ? split(memberPoints.get(c), members.get(c), dimensions, 1)
                            : List.<Topic>of();
                    return new Topic(members.get(c), split.centroids()[c], stability[c],
                            subtopics.size() == 1 ? List.of() : subtopics);
                }).toList());
    }

    /** k-means with k chosen by {@link #choose} on the silhouette; null when the best is under {@code threshold}. */
    private Partition bySilhouette(List<SparseVector> sample, List<SparseVector> points, int dimensions, int kMax,
            double threshold) {
        float[][] cosine = cosines(sample);
        List<Integer> ks = candidates(kMax);
        double[] silhouettes = new double[ks.size()];
        Partition[] partitions = new Partition[ks.size()];
        for (int c = 0; c < ks.size(); c++) {
            partitions[c] = SphericalKMeans.cluster(sample, dimensions, ks.get(c), RESTARTS);
            silhouettes[c] = silhouette(cosine, partitions[c].assignment(), ks.get(c));
        }
        int best = choose(silhouettes, tolerance);
        if (silhouettes[best] < threshold) {
            return null;
        }
        return sample.size() == points.size()
                ? partitions[best]
                : SphericalKMeans.refine(points, partitions[best].centroids());
    }

    /**
     * The vote's parameters for a sample of {@code s} texts: k from √s/4 to √s/2, groups of at least
     * {@value #MIN_TOPIC} texts (or 1%); {@code keepGroups} when the sample is the whole theme (its texts keep the
     * group the vote gave them, instead of going to the nearest topic centre). The resamples reuse those of the full
     * run, so only the texts differ.
     */
    record Vote(int kLow, int kHigh, int minSize, int runs, boolean keepGroups) {

        static Vote of(int s, int runs, boolean keepGroups) {
            int kLow = Math.max(2, (int) Math.round(Math.sqrt(s) / 4));
            return new Vote(kLow, Math.max(kLow, (int) Math.round(Math.sqrt(s) / 2)), Math.max(MIN_TOPIC, s / 100),
                    runs, keepGroups);
        }
    }

    /**
     * The stability of the theme's topics ({@link ResampledStability}): on {@value #TOPIC_RESAMPLES} resamples of 90%
     * of the vote's {@code sample}, the topics are found again as the full run found them (the vote with
     * {@value #RESAMPLE_VOTES} runs and the full run's parameters, the cut, the rest to the nearest centre; k-means by
     * the silhouette when the vote finds no two groups in a theme that must be split, else one topic).
     */
    double[] resampledStability(List<SparseVector> sample, int[] assignment, int k, int dimensions, int kMax,
            boolean mustSplit, Vote vote) {
        Vote again = new Vote(vote.kLow(), vote.kHigh(), vote.minSize(), RESAMPLE_VOTES, vote.keepGroups());
        return ResampledStability.of(sample, assignment, k, resample -> {
            Partition p = consensus(resample, resample, dimensions, kMax, again);
            if (p == null && mustSplit) {
                p = bySilhouette(resample, resample, dimensions, kMax, -1);
            }
            return p == null ? new int[resample.size()] : p.assignment();
        }, TOPIC_RESAMPLES, RESAMPLE_SHARE, 1);
    }

    /**
     * Topics by evidence accumulation on the sample ({@link Consensus}): {@code vote.runs()} k-means runs with k from
     * √s/4 to √s/2; average linkage on the share of runs that split two texts, cut at {@value #CUT}; groups of at least
     * {@value #MIN_TOPIC} texts (or 1%) are topics, the largest {@code kMax}; the other texts of the theme go to the
     * nearest topic centre. Null if fewer than two groups come out.
     */
    private static Partition consensus(List<SparseVector> sample, List<SparseVector> points, int dimensions, int kMax,
            Vote vote) {
        int n = points.size();
        List<List<Integer>> groups = Consensus.groups(sample, dimensions, vote.kLow(), vote.kHigh(), vote.runs(), CUT,
                vote.minSize());
        if (groups.size() < 2) {
            return null;
        }
        List<List<Integer>> kept = groups.subList(0, Math.min(kMax, groups.size()));
        float[][] centroids = new float[kept.size()][];
        for (int c = 0; c < kept.size(); c++) {
            centroids[c] = SphericalKMeans.mean(kept.get(c).stream().map(sample::get).toList(), dimensions);
        }
        Partition nearest = SphericalKMeans.assign(points, centroids);
        if (!vote.keepGroups()) {
            return nearest;
        }
        // The sample is all the texts: those the vote grouped keep their group, the rest go to the nearest centre.
        int[] assignment = nearest.assignment().clone();
        for (int c = 0; c < kept.size(); c++) {
            for (int i : kept.get(c)) {
                assignment[i] = c;
            }
        }
        float[][] centres = new float[kept.size()][];
        double cohesion = 0;
        for (int c = 0; c < kept.size(); c++) {
            int cluster = c;
            centres[c] = SphericalKMeans.mean(IntStream.range(0, n).filter(i -> assignment[i] == cluster)
                    .mapToObj(points::get).toList(), dimensions);
        }
        for (int i = 0; i < n; i++) {
            cohesion += points.get(i).dot(centres[assignment[i]]);
        }
        return new Partition(assignment, centres, cohesion);
    }

    /** The index of the largest k whose silhouette is within {@code tolerance} of the best. */
    static int choose(double[] silhouettes, double tolerance) {
        int best = 0;
        for (int c = 1; c < silhouettes.length; c++) {
            if (silhouettes[c] > silhouettes[best]) {
                best = c;
            }
        }
        int chosen = best;
        for (int c = best + 1; c < silhouettes.length; c++) {
            if (silhouettes[c] >= silhouettes[best] - tolerance) {
                chosen = c;
            }
        }
        return chosen;
    }

    /** 2..10, then every other k up to {@code kMax}. */
    static List<Integer> candidates(int kMax) {
        TreeSet<Integer> ks = new TreeSet<>();
        for (int k = 2; k <= kMax; k++) {
            if (k <= 10 || k % 2 == 0 || k == kMax) {
                ks.add(k);
            }
        }
        return List.copyOf(ks);
    }

    /**
     * Per sub-topic, the share of its members' pairs that k-means puts in one cluster again when it runs on a random
     * 90% of the texts (seeds 1..{@value #RESAMPLES}, pooled); on an evenly spaced sample of large topics.
     */
    static double[] stability(List<SparseVector> points, int[] assignment, int k, int dimensions) {
        List<Integer> at = evenly(IntStream.range(0, points.size()).boxed().toList(), STABILITY_SAMPLE);
        DenseKMeans kmeans = new DenseKMeans(at.stream().map(points::get).toList(), dimensions);
        int[][] kept = IntStream.range(0, RESAMPLES)
                .mapToObj(b -> ResampledStability.resample(at.size(), RESAMPLE_SHARE, b + 1)).toArray(int[][]::new);
        int[][] again = IntStream.range(0, RESAMPLES).parallel().mapToObj(b -> kmeans.run(k, b + 1, kept[b]))
                .toArray(int[][]::new);
        return ResampledStability.pooled(at.stream().mapToInt(i -> assignment[i]).toArray(), k, kept, again);
    }

    /** Mean cosine silhouette from a precomputed similarity matrix. */
    static double silhouette(float[][] cosine, int[] assignment, int k) {
        return Silhouette.mean(assignment.length, (i, j) -> 1 - cosine[i][j], assignment, k);
    }

    private static float[][] cosines(List<SparseVector> sample) {
        return SphericalKMeans.cosines(sample);
    }

    private static float[] mean(List<SparseVector> points, int dimensions) {
        return SphericalKMeans.mean(points, dimensions);
    }

    static <T> List<T> evenly(List<T> items, int limit) {
        if (items.size() <= limit) {
            return items;
        }
        List<T> sample = new ArrayList<>(limit);
        double step = (double) items.size() / limit;
        for (int i = 0; i < limit; i++) {
            sample.add(items.get((int) (i * step)));
        }
        return sample;
    }

    static int[] shuffled(int n, long seed) {
        int[] order = IntStream.range(0, n).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
