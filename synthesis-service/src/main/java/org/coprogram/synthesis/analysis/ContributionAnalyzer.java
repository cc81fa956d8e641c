package org.coprogram.synthesis.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.coprogram.common.text.ItalianText;
import org.coprogram.synthesis.analysis.SphericalKMeans.Partition;

/**
 * Systematises contributions: Italian terms (Lucene's elisions, stop words, light stemming) → TF-IDF → spherical
 * k-means, with the number of clusters chosen by the best silhouette among a few candidates around √(n/2), measured on
 * an evenly spaced sample of at most {@value #SAMPLE} contributions; then near-duplicate groups and keywords per theme
 * and province. Contributions are read in id order, so the result does not depend on the order they arrived in.
 */
public final class ContributionAnalyzer {

    static final int SAMPLE = 1000;
    private static final int RESTARTS = 3;
    private static final int LABEL_TERMS = 3;
    private static final int TOP_TERMS = 8;
    private static final int REPRESENTATIVES = 3;
    private static final int MAX_MEMBERS = 500;
    private static final int EXCERPT = 280;
    private static final double[] K_FACTORS = {0.6, 0.8, 1.0, 1.25, 1.5};
    /** Fewer contributions than this on a theme are one cluster. */
    private static final int MIN_TO_SPLIT = 8;
    /** A theme is split only where the split is clearly better than chance (mean cosine silhouette). */
    static final double MIN_SILHOUETTE = 0.05;
    /** Clusters whose centres are this alike (cosine) are one. */
    static final double MERGE_SIMILARITY = 0.2;

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

    private final ItalianText italian;
    private final int maxClusters;
    private final Set<String> genericTerms;

    public ContributionAnalyzer(ItalianText italian, int maxClusters) {
        this.italian = italian;
        this.maxClusters = maxClusters;
        this.genericTerms = Set.copyOf(italian.terms(GENERIC_WORDS));
    }

    public TextAnalysis analyse(List<TextContribution> input) {
        List<TextContribution> contributions = input.stream().filter(c -> c.fullText() != null)
                .filter(c -> !c.fullText().isBlank()).sorted(Comparator.comparing(TextContribution::id)).toList();
        List<List<ItalianText.Term>> analysed = contributions.parallelStream()
                .map(c -> italian.termsWithWords(c.fullText()).stream()
                        .filter(t -> !genericTerms.contains(t.stem())).toList())
                .toList();
        Words words = Words.of(analysed);
        TermVectors tfidf = TermVectors.of(analysed.stream().map(terms -> terms.stream()
                .map(ItalianText.Term::stem).toList()).toList());

        Map<String, List<Integer>> byTheme = new TreeMap<>();
        for (int i = 0; i < contributions.size(); i++) {
            if (!tfidf.vectors().get(i).isEmpty()) {
                String theme = contributions.get(i).theme();
                byTheme.computeIfAbsent(theme == null ? "" : theme, t -> new ArrayList<>()).add(i);
            }
        }
        List<TextAnalysis.Cluster> clusters = new ArrayList<>();
        byTheme.values().forEach(usable -> {
            List<SparseVector> vectors = usable.stream().map(tfidf.vectors()::get).toList();
            clusters.addAll(clusters(partition(vectors, tfidf.size()), usable, vectors, contributions, tfidf, words));
        });
        int analysedCount = byTheme.values().stream().mapToInt(List::size).sum();
        return new TextAnalysis(input.size(), analysedCount, method(), numbered(clusters),
                duplicates(analysed, contributions),
                keywords(contributions, tfidf, words, TextContribution::theme),
                keywords(contributions, tfidf, words, TextContribution::province));
    }

    static String method() {
        return "Lucene ItalianLightStem + TF-IDF (1+ln tf, smoothed idf) + spherical k-means (k-means++, seeds 1.."
                + RESTARTS + ", k by silhouette); near-duplicates by MinHash, Jaccard >= " + NearDuplicates.THRESHOLD;
    }

    private Partition partition(List<SparseVector> vectors, int dimensions) {
        Partition whole = SphericalKMeans.refine(vectors, new float[][]{SphericalKMeans.mean(vectors, dimensions)});
        if (vectors.size() < MIN_TO_SPLIT) {
            return whole;
        }
        List<SparseVector> sample = sample(vectors);
        Partition best = whole;
        double bestSilhouette = MIN_SILHOUETTE;
        for (int k : candidates(vectors.size())) {
            Partition candidate = SphericalKMeans.cluster(sample, dimensions, k, RESTARTS);
            double silhouette = SphericalKMeans.silhouette(sample, candidate.assignment(), k);
            if (silhouette > bestSilhouette + 1e-9) {
                bestSilhouette = silhouette;
                best = candidate;
            }
        }
        Partition all = sample.size() == vectors.size() || best == whole
                ? best
                : SphericalKMeans.refine(vectors, best.centroids());
        return SphericalKMeans.merge(vectors, all, MERGE_SIMILARITY);
    }

    private List<Integer> candidates(int n) {
        double base = Math.sqrt(n / 2.0);
        Set<Integer> ks = new java.util.TreeSet<>();
        for (double factor : K_FACTORS) {
            ks.add((int) Math.max(2, Math.min(Math.min(maxClusters, n - 1), Math.round(base * factor))));
            ks.add(2);
        }
        return List.copyOf(ks);
    }

    private static List<SparseVector> sample(List<SparseVector> vectors) {
        if (vectors.size() <= SAMPLE) {
            return vectors;
        }
        List<SparseVector> sample = new ArrayList<>(SAMPLE);
        double step = (double) vectors.size() / SAMPLE;
        for (int i = 0; i < SAMPLE; i++) {
            sample.add(vectors.get((int) (i * step)));
        }
        return sample;
    }

    private static List<TextAnalysis.Cluster> clusters(Partition partition, List<Integer> usable,
            List<SparseVector> vectors, List<TextContribution> contributions, TermVectors tfidf, Words words) {
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < partition.k(); c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < vectors.size(); i++) {
            members.get(partition.assignment()[i]).add(i);
        }
        List<TextAnalysis.Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < partition.k(); c++) {
            if (members.get(c).isEmpty()) {
                continue;
            }
            float[] centroid = partition.centroids()[c];
            List<Integer> ordered = new ArrayList<>(members.get(c));
            Map<Integer, Double> similarity = new HashMap<>();
            ordered.forEach(i -> similarity.put(i, vectors.get(i).dot(centroid)));
            ordered.sort(Comparator.<Integer, Double>comparing(similarity::get).reversed()
                    .thenComparing(i -> contributions.get(usable.get(i)).id()));
            List<TextContribution> inCluster = ordered.stream().map(i -> contributions.get(usable.get(i))).toList();
            List<String> terms = new ArrayList<>();
            for (int term : tfidf.top(centroid, TOP_TERMS)) {
                terms.add(words.word(tfidf.term(term)));
            }
            List<TextAnalysis.Representative> representatives = new ArrayList<>();
            for (int r = 0; r < Math.min(REPRESENTATIVES, ordered.size()); r++) {
                TextContribution rep = inCluster.get(r);
                representatives.add(new TextAnalysis.Representative(rep.id(), rep.kind(), rep.title(),
                        excerpt(rep.text()), round(similarity.get(ordered.get(r)))));
            }
            double cohesion = ordered.stream().mapToDouble(similarity::get).sum() / ordered.size();
            clusters.add(new TextAnalysis.Cluster(null, String.join(", ", terms.subList(0,
                    Math.min(LABEL_TERMS, terms.size()))), terms, ordered.size(),
                    inCluster.stream().mapToInt(TextContribution::supports).sum(), round(cohesion),
                    representatives, counts(inCluster, TextContribution::theme),
                    counts(inCluster, TextContribution::province), distinct(inCluster, TextContribution::district),
                    distinct(inCluster, TextContribution::municipality),
                    inCluster.stream().map(TextContribution::id).sorted().limit(MAX_MEMBERS).toList()));
        }
        return clusters;
    }

    private static List<TextAnalysis.Cluster> numbered(List<TextAnalysis.Cluster> clusters) {
        clusters.sort(Comparator.comparing(TextAnalysis.Cluster::size).reversed()
                .thenComparing(TextAnalysis.Cluster::label));
        List<TextAnalysis.Cluster> numbered = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            TextAnalysis.Cluster c = clusters.get(i);
            numbered.add(new TextAnalysis.Cluster("C" + (i + 1), c.label(), c.terms(), c.size(), c.supports(),
                    c.cohesion(), c.representatives(), c.themes(), c.provinces(), c.districts(), c.municipalities(),
                    c.members()));
        }
        return numbered;
    }

    private static List<TextAnalysis.DuplicateGroup> duplicates(List<List<ItalianText.Term>> analysed,
            List<TextContribution> contributions) {
        Map<String, Integer> ids = new HashMap<>();
        List<int[]> sets = new ArrayList<>();
        for (List<ItalianText.Term> terms : analysed) {
            sets.add(terms.stream().mapToInt(t -> ids.computeIfAbsent(t.stem(), s -> ids.size())).distinct().sorted()
                    .toArray());
        }
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

    /** For each term, the word it most often came from, so labels read "povertà educativa", not "povert educ". */
    private record Words(Map<String, String> byStem) {

        static Words of(List<List<ItalianText.Term>> analysed) {
            Map<String, Map<String, Integer>> counts = new HashMap<>();
            analysed.forEach(terms -> terms.forEach(t -> counts.computeIfAbsent(t.stem(), s -> new HashMap<>())
                    .merge(t.word(), 1, Integer::sum)));
            Map<String, String> byStem = new HashMap<>();
            counts.forEach((stem, words) -> byStem.put(stem, words.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow().getKey()));
            return new Words(byStem);
        }

        String word(String stem) {
            return byStem.getOrDefault(stem, stem);
        }
    }
}
