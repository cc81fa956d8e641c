package org.coprogram.synthesis.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.coprogram.common.text.ItalianText;

/**
 * Evaluation of the clustering against human categories (issue #30), a benchmark and not a test: run by
 * scripts/bench-clusters.sh. Reads every {@code id,theme,category,text} CSV in the corpus folders (default
 * {@code synthesis-service/src/test/resources/corpora} and {@code ../shared/data/corpora}, or the folders in
 * {@code $CORPORA}, colon-separated) plus our own test corpus, and for two cases, "one theme" (every text under one
 * theme) and "by theme" (the {@code theme} column, or when it is empty the categories dealt round-robin into groups
 * of three in alphabetical order), prints NMI, ARI, purity, cluster count and time for our clustering and for a
 * textbook baseline written plainly below (TF-IDF with sublinear tf, min_df 2, max_df 0.5, a short Italian stop list;
 * LSA to 100 dimensions; L2-normalised rows; k-means with k = 10, k-means++, best of 10 runs). Then a stability check
 * per case (our clusters on random 90% resamples against the full run, and the stability of the large clusters)
 * and, with {@code scale N}, the time of a full computation on N synthetic texts (sentences of one category
 * recombined) and of placing one new text.
 */
public final class ClusterEvaluation {

    private static final int BASELINE_K = 10;
    private static final int BASELINE_DIMENSIONS = 100;
    private static final Set<String> STOP = Set.of(("a ad al alla alle agli ai anche che chi ci come con cui da dal "
            + "dalla dei del della delle degli di e ed è gli ha hanno i il in io la le lo loro ma mi ne nei nel "
            + "nella nelle non o per più può quando se si sia siamo sono su sua sue suo sui sul sulla tra tu un una "
            + "uno va vi questo questa questi queste quello quella essere stato stata fare").split(" "));

    record Text(String id, String theme, String category, String text) {
    }

    record Labelled(String name, List<Text> texts) {

        boolean hasThemes() {
            return texts.stream().noneMatch(t -> t.theme() == null || t.theme().isBlank());
        }
    }

    record Score(double nmi, double ari, double purity, int clusters, double seconds) {
    }

    private ClusterEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        ItalianText italian = new ItalianText();
        // FIT_BUDGET: the texts per plan the models are fitted on (the rest placed by nearest centre), to measure
        // what a cap costs in quality; unset, the shipped default.
        ContributionAnalyzer analyzer = System.getenv("FIT_BUDGET") == null
                ? new ContributionAnalyzer(italian, 20)
                : new ContributionAnalyzer(italian, 20, Integer.parseInt(System.getenv("FIT_BUDGET")));
        List<Labelled> corpora = corpora();
        if (args.length > 0 && args[0].equals("scale")) {
            scale(analyzer, corpora, args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            return;
        }
        System.out.printf("cores=%d load=%s%n", Runtime.getRuntime().availableProcessors(), load());
        System.out.println("corpus | texts | categories | case | method | NMI | ARI | purity | clusters | seconds");
        for (Labelled corpus : corpora) {
            if (System.getenv("ONLY") != null && !corpus.name().contains(System.getenv("ONLY"))) {
                continue;
            }
            for (String kase : List.of("one theme", "by theme")) {
                if (System.getenv("CASE") != null && !kase.equals(System.getenv("CASE"))
                        || System.getenv("STABILITY_ONLY") != null) {
                    continue;
                }
                List<Text> texts = kase.equals("one theme") ? oneTheme(corpus.texts()) : byTheme(corpus);
                // A warm-up so the first corpus does not pay the JIT for the rest.
                analyzer.fit(contributions(corpus.name(), texts));
                Score ours = ours(analyzer, corpus.name(), texts);
                if (System.getenv("DIGEST") != null) {
                    System.out.printf("  digest %s: %s%n", kase,
                            digest(analyzer.fit(contributions(corpus.name(), texts))));
                }
                Score baseline = baseline(texts);
                long categories = texts.stream().map(Text::category).distinct().count();
                print(corpus.name(), texts.size(), categories, kase, "ours", ours);
                print(corpus.name(), texts.size(), categories, kase, "baseline", baseline);
                System.out.printf("  -> NMI ours - baseline = %+.3f%n", ours.nmi() - baseline.nmi());
            }
            if (System.getenv("NOSTAB") == null) {
                stability(analyzer, corpus);
            }
        }
    }

    private static void print(String corpus, int n, long categories, String kase, String method, Score s) {
        System.out.printf("%s | %d | %d | %s | %s | %.3f | %.3f | %.3f | %d | %.2f%n", corpus, n, categories, kase,
                method, s.nmi(), s.ari(), s.purity(), s.clusters(), s.seconds());
    }

    /**
     * A hash of the whole analysis (every cluster's record, members, representatives, sub-topics, near-duplicates,
     * keywords) and of every placement: equal digests mean a change left the results as they were.
     */
    static String digest(ContributionAnalyzer.Fitted fitted) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            // Without the method's description, which names the settings rather than the result.
            sha.update(fitted.analysis().toString().replace(fitted.analysis().method(), "")
                    .getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(fitted.placements())
                    .forEach((id, p) -> sha.update((id + "=" + p + ";").getBytes(StandardCharsets.UTF_8)));
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fixed CPU-bound computation on two threads (dot products of 2 x 1,000 float rows of 100, the same every
     * run, in code the analysis does not share): its time says how much of the shared machine a run got, so times
     * measured under different loads can be compared as ratios to it.
     */
    static double reference() {
        long start = System.nanoTime();
        double total = java.util.stream.IntStream.range(0, 2).parallel().mapToDouble(task -> {
            int n = 1000;
            int d = 100;
            float[] rows = new float[n * d];
            SplittableRandom random = new SplittableRandom(task);
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) random.nextGaussian();
            }
            double sum = 0;
            for (int repeat = 0; repeat < 4; repeat++) {
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        double dot = 0;
                        for (int c = 0; c < d; c++) {
                            dot += rows[i * d + c] * rows[j * d + c];
                        }
                        sum += dot > 0 ? 1 : 0;
                    }
                }
            }
            return sum;
        }).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (total < 0) {
            System.out.println(total);
        }
        return seconds;
    }

    /** CPU time of this process (all threads) so far, in seconds. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    // ----- corpora

    static List<Labelled> corpora() throws IOException {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("CORPORA");
        if (env != null && !env.isBlank()) {
            Arrays.stream(env.split(":")).map(Path::of).forEach(dirs::add);
        } else {
            dirs.add(Path.of("synthesis-service/src/test/resources/corpora"));
            dirs.add(Path.of("../shared/data/corpora"));
        }
        TreeMap<String, Path> files = new TreeMap<>();
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(p -> p.toString().endsWith(".csv"))
                            .forEach(p -> files.putIfAbsent(p.getFileName().toString(), p));
                }
            }
        }
        List<Labelled> corpora = new ArrayList<>();
        for (Path file : files.values()) {
            corpora.add(read(file));
        }
        Corpus ours = Corpus.load();
        corpora.add(new Labelled("test-corpus (ours, written for the tests)", ours.entries().stream()
                .map(e -> new Text(e.id().toString(), e.theme(), e.topic(),
                        e.title() == null || e.title().isBlank() ? e.text() : e.title() + ". " + e.text()))
                .toList()));
        return corpora;
    }

    static Labelled read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Text> texts = new ArrayList<>();
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader)) {
                texts.add(new Text(row.get("id"), row.get("theme"), row.get("category"), row.get("text")));
            }
            return new Labelled(file.getFileName().toString().replace(".csv", ""), texts);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static List<Text> oneTheme(List<Text> texts) {
        return texts.stream().map(t -> new Text(t.id(), "tutto", t.category(), t.text())).toList();
    }

    /** The corpus's themes, or its categories dealt into groups of about three in alphabetical order. */
    static List<Text> byTheme(Labelled corpus) {
        if (corpus.hasThemes()) {
            return corpus.texts();
        }
        List<String> categories = new ArrayList<>(new TreeSet<>(corpus.texts().stream().map(Text::category)
                .toList()));
        int groups = Math.max(1, (categories.size() + 2) / 3);
        Map<String, String> group = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            group.put(categories.get(i), "gruppo-" + (i % groups + 1));
        }
        return corpus.texts().stream().map(t -> new Text(t.id(), group.get(t.category()), t.category(), t.text()))
                .toList();
    }

    static List<TextContribution> contributions(String corpus, List<Text> texts) {
        return texts.stream().map(t -> new TextContribution(uuid(corpus, t.id()), "proposta", null, t.text(),
                t.theme(), null, null, null, 0)).toList();
    }

    private static UUID uuid(String corpus, String id) {
        return UUID.nameUUIDFromBytes((corpus + "/" + id).getBytes(StandardCharsets.UTF_8));
    }

    // ----- ours

    static Score ours(ContributionAnalyzer analyzer, String corpus, List<Text> texts) {
        long start = System.nanoTime();
        ContributionAnalyzer.Fitted fitted = analyzer.fit(contributions(corpus, texts));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> predicted = labels(fitted, corpus, texts);
        return score(texts, predicted, fitted.analysis().clusters().size(), seconds);
    }

    static List<String> labels(ContributionAnalyzer.Fitted fitted, String corpus, List<Text> texts) {
        return texts.stream().map(t -> {
            ContributionAnalyzer.Placement p = fitted.placements().get(uuid(corpus, t.id()));
            return p == null ? "-" : p.cluster();
        }).toList();
    }

    static Score score(List<Text> texts, List<String> predicted, int clusters, double seconds) {
        List<String> truth = texts.stream().map(Text::category).toList();
        return new Score(PartitionMetrics.nmi(truth, predicted), PartitionMetrics.ari(truth, predicted),
                PartitionMetrics.purity(truth, predicted), clusters, seconds);
    }

    /**
     * For "one theme" and "by theme": our clusters on random 90% resamples of the texts (seeds 1..3, the whole
     * analysis again) against the full run, on the texts both saw (ARI); and the stability the analysis reports for
     * its clusters of 50 or more texts (the issue's large clusters), and for all of them.
     */
    static void stability(ContributionAnalyzer analyzer, Labelled corpus) {
        for (String kase : List.of("one theme", "by theme")) {
            if (System.getenv("CASE") != null && !kase.equals(System.getenv("CASE"))) {
                continue;
            }
            List<Text> texts = kase.equals("one theme") ? oneTheme(corpus.texts()) : byTheme(corpus);
            ContributionAnalyzer.Fitted full = analyzer.fit(contributions(corpus.name(), texts));
            List<String> fullLabels = labels(full, corpus.name(), texts);
            StringBuilder line = new StringBuilder("  stability (" + kase + "): ARI full vs 90% resample =");
            for (int seed = 1; seed <= 3; seed++) {
                int[] kept = ResampledStability.resample(texts.size(), 0.9, seed);
                List<Text> sample = Arrays.stream(kept).mapToObj(texts::get).toList();
                List<String> again = labels(analyzer.fit(contributions(corpus.name(), sample)), corpus.name(),
                        sample);
                List<String> before = Arrays.stream(kept).mapToObj(fullLabels::get).toList();
                line.append(String.format(" %.3f", PartitionMetrics.ari(before, again)));
            }
            List<TextAnalysis.Cluster> all = full.analysis().clusters();
            List<TextAnalysis.Cluster> large = all.stream().filter(c -> c.size() >= 50).toList();
            line.append(String.format("; clusters >= 50 texts: %d, stable (>= 0.8): %d, stability min %.3f mean %.3f"
                    + "; all %d clusters: stable %d, min %.3f mean %.3f", large.size(),
                    large.stream().filter(TextAnalysis.Cluster::stable).count(),
                    large.stream().mapToDouble(TextAnalysis.Cluster::stability).min().orElse(Double.NaN),
                    large.stream().mapToDouble(TextAnalysis.Cluster::stability).average().orElse(Double.NaN),
                    all.size(), all.stream().filter(TextAnalysis.Cluster::stable).count(),
                    all.stream().mapToDouble(TextAnalysis.Cluster::stability).min().orElse(Double.NaN),
                    all.stream().mapToDouble(TextAnalysis.Cluster::stability).average().orElse(Double.NaN)));
            System.out.println(line);
            if (System.getenv("STABILITY_DETAIL") != null) {
                System.out.println("    size:stability " + String.join(" ", all.stream()
                        .map(c -> String.format("%d:%.2f", c.size(), c.stability())).toList()));
            }
        }
    }

    // ----- the textbook baseline, plainly

    static Score baseline(List<Text> texts) {
        long start = System.nanoTime();
        Map<String, List<Integer>> byTheme = new TreeMap<>();
        for (int i = 0; i < texts.size(); i++) {
            byTheme.computeIfAbsent(texts.get(i).theme(), t -> new ArrayList<>()).add(i);
        }
        String[] predicted = new String[texts.size()];
        int clusters = 0;
        for (var theme : byTheme.entrySet()) {
            List<Integer> at = theme.getValue();
            int[] labels = baselineClusters(at.stream().map(i -> texts.get(i).text()).toList());
            Set<Integer> distinct = new TreeSet<>();
            for (int j = 0; j < at.size(); j++) {
                predicted[at.get(j)] = theme.getKey() + "#" + labels[j];
                distinct.add(labels[j]);
            }
            clusters += distinct.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return score(texts, Arrays.asList(predicted), clusters, seconds);
    }

    static int[] baselineClusters(List<String> documents) {
        int n = documents.size();
        List<Map<String, Integer>> counts = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (String doc : documents) {
            Map<String, Integer> tf = new HashMap<>();
            for (String token : doc.toLowerCase(java.util.Locale.ITALIAN).split("[^\\p{L}]+")) {
                if (token.length() >= 2 && !STOP.contains(token)) {
                    tf.merge(token, 1, Integer::sum);
                }
            }
            tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
            counts.add(tf);
        }
        List<String> vocabulary = df.entrySet().stream().filter(e -> e.getValue() >= 2 && e.getValue() <= 0.5 * n)
                .map(Map.Entry::getKey).sorted().toList();
        Map<String, Integer> ids = new HashMap<>();
        vocabulary.forEach(t -> ids.put(t, ids.size()));
        List<SparseVector> rows = new ArrayList<>();
        for (Map<String, Integer> tf : counts) {
            TreeMap<Integer, Float> row = new TreeMap<>();
            double norm = 0;
            for (var e : tf.entrySet()) {
                Integer id = ids.get(e.getKey());
                if (id != null) {
                    double w = (1 + Math.log(e.getValue())) * (Math.log((1.0 + n) / (1.0 + df.get(e.getKey()))) + 1);
                    row.put(id, (float) w);
                    norm += w * w;
                }
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            rows.add(new SparseVector(row.keySet().stream().mapToInt(Integer::intValue).toArray(),
                    toFloats(row.values().stream().mapToDouble(w -> w * scale).toArray())));
        }
        int k = Math.min(BASELINE_K, n);
        Lsa lsa = Lsa.fit(rows, vocabulary.size(), Math.min(BASELINE_DIMENSIONS, Math.max(1, n - 1)), 0);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = lsa.project(rows.get(i));
            double norm = 0;
            for (double v : x[i]) {
                norm += v * v;
            }
            if (norm > 0) {
                for (int d = 0; d < x[i].length; d++) {
                    x[i][d] /= Math.sqrt(norm);
                }
            }
        }
        int[] best = null;
        double bestInertia = Double.MAX_VALUE;
        for (int run = 0; run < 10; run++) {
            double[] inertia = new double[1];
            int[] labels = kmeans(x, k, run, inertia);
            if (inertia[0] < bestInertia) {
                bestInertia = inertia[0];
                best = labels;
            }
        }
        return best;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** Lloyd's k-means (Euclidean), k-means++ seeding. */
    static int[] kmeans(double[][] x, int k, long seed, double[] inertia) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        Random random = new Random(seed);
        double[][] centres = new double[k][];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.MAX_VALUE);
        centres[0] = x[random.nextInt(n)].clone();
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distance(x[i], centres[c - 1]));
                total += nearest[i];
            }
            double target = random.nextDouble() * total;
            int chosen = n - 1;
            for (int i = 0; i < n; i++) {
                target -= nearest[i];
                if (target <= 0) {
                    chosen = i;
                    break;
                }
            }
            centres[c] = x[chosen].clone();
        }
        int[] labels = new int[n];
        for (int iteration = 0; iteration < 300; iteration++) {
            boolean changed = false;
            inertia[0] = 0;
            for (int i = 0; i < n; i++) {
                int bestC = 0;
                double bestD = Double.MAX_VALUE;
                for (int c = 0; c < k; c++) {
                    double dist = distance(x[i], centres[c]);
                    if (dist < bestD) {
                        bestD = dist;
                        bestC = c;
                    }
                }
                changed |= labels[i] != bestC || iteration == 0;
                labels[i] = bestC;
                inertia[0] += bestD;
            }
            if (!changed) {
                break;
            }
            double[][] sums = new double[k][d];
            int[] sizes = new int[k];
            for (int i = 0; i < n; i++) {
                sizes[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[labels[i]][j] += x[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (sizes[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        sums[c][j] /= sizes[c];
                    }
                    centres[c] = sums[c];
                }
            }
        }
        return labels;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    // ----- scale

    /**
     * N synthetic texts: each joins two sentences of texts of one category (chosen at random with seed 42) of the
     * corpora, so texts differ but categories stay recognisable; "by theme" deals the categories into themes.
     */
    /** New contributions placed one at a time after the full computation at scale. */
    private static final int NEW_TEXTS = 100;

    static void scale(ContributionAnalyzer analyzer, List<Labelled> corpora, int n) {
        Map<String, List<String>> sentences = new TreeMap<>();
        Map<String, String> themeOf = new HashMap<>();
        for (Labelled corpus : corpora) {
            for (Text t : byTheme(corpus)) {
                String category = corpus.name() + "/" + t.category();
                themeOf.put(category, corpus.name() + "/" + t.theme());
                for (String s : t.text().split("(?<=[.!?])\\s+")) {
                    if (s.length() > 20) {
                        sentences.computeIfAbsent(category, c -> new ArrayList<>()).add(s);
                    }
                }
            }
        }
        List<String> categories = new ArrayList<>(sentences.keySet());
        SplittableRandom random = new SplittableRandom(42);
        List<TextContribution> oneTheme = new ArrayList<>(n);
        List<TextContribution> byTheme = new ArrayList<>(n);
        List<String> truth = new ArrayList<>(n);
        for (int i = 0; i <= n + NEW_TEXTS; i++) {
            String category = categories.get(random.nextInt(categories.size()));
            truth.add(category);
            List<String> pool = sentences.get(category);
            String text = pool.get(random.nextInt(pool.size())) + " " + pool.get(random.nextInt(pool.size()));
            UUID id = new UUID(1, i);
            oneTheme.add(new TextContribution(id, "proposta", null, text, "tutto", null, null, null, 1));
            byTheme.add(new TextContribution(id, "proposta", null, text, themeOf.get(category), null, null, null, 1));
        }
        System.out.printf("scale: texts=%d cores=%d maxHeapMB=%d categories=%d%n", n,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                categories.size());
        reference();
        for (var kase : List.of(Map.entry("by theme", byTheme), Map.entry("one theme", oneTheme))) {
            if (System.getenv("CASE") != null && !kase.getKey().equals(System.getenv("CASE"))) {
                continue;
            }
            List<TextContribution> all = kase.getValue();
            List<TextContribution> initial = all.subList(0, n);
            TextContribution extra = all.get(n);
            int runs = System.getenv("RUNS") == null ? 2 : Integer.parseInt(System.getenv("RUNS"));
            for (int run = 1; run <= runs; run++) {
                double referenceBefore = reference();
                System.out.printf("  %s run %d: load before %s; reference %.2f s%n", kase.getKey(), run, load(),
                        referenceBefore);
                Stages.reset();
                double cpuStart = cpuSeconds();
                long start = System.nanoTime();
                ContributionAnalyzer.Fitted fitted = analyzer.fit(initial);
                double full = (System.nanoTime() - start) / 1e9;
                double cpu = cpuSeconds() - cpuStart;
                double referenceAfter = reference();
                System.out.printf("  %s run %d: full %.2f s wall, %.2f s CPU; reference %.2f s after: "
                        + "full / mean reference = %.1f; digest %s%n", kase.getKey(), run, full, cpu,
                        referenceAfter, full / ((referenceBefore + referenceAfter) / 2), digest(fitted));
                StringBuilder stages = new StringBuilder();
                Stages.seconds().forEach((stage, s) -> stages.append(String.format(" %s %.2f s;", stage, s)));
                System.out.printf("  %s run %d: stages:%s%n", kase.getKey(), run, stages);
                // How well the clusters (and the sub-topics) recover the categories the texts were drawn from.
                List<String> topics = new ArrayList<>(n);
                List<String> leaves = new ArrayList<>(n);
                for (TextContribution c : initial) {
                    ContributionAnalyzer.Placement p = fitted.placements().get(c.id());
                    topics.add(p == null ? "-" : p.theme() + "/" + p.cluster());
                    leaves.add(p == null ? "-" : p.theme() + "/" + (p.subtopic() == null ? p.cluster() : p.subtopic()));
                }
                List<String> categoryOf = truth.subList(0, n);
                System.out.printf("  %s run %d: against the %d categories: clusters NMI %.3f ARI %.3f purity %.3f; "
                        + "sub-topics NMI %.3f ARI %.3f purity %.3f%n", kase.getKey(), run, categories.size(),
                        PartitionMetrics.nmi(categoryOf, topics), PartitionMetrics.ari(categoryOf, topics),
                        PartitionMetrics.purity(categoryOf, topics), PartitionMetrics.nmi(categoryOf, leaves),
                        PartitionMetrics.ari(categoryOf, leaves), PartitionMetrics.purity(categoryOf, leaves));
                long clusters = fitted.analysis().clusters().size();
                long subtopics = fitted.analysis().clusters().stream().mapToLong(c -> c.subtopics().size()).sum();
                // One new contribution: warm once on another text, then time placing it and the whole update.
                analyzer.update(fitted, append(initial, all.get(0), new UUID(2, 0)), 0.1);
                start = System.nanoTime();
                ContributionAnalyzer.Placement placement = analyzer.place(fitted, extra);
                double place = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                ContributionAnalyzer.Fitted updated = analyzer.update(fitted, append(initial, extra, extra.id()),
                        0.1);
                double update = (System.nanoTime() - start) / 1e6;
                // New contributions one at a time, each told to the analysis as a change (as the service is told
                // by the contributions' change log), each update on the result of the one before.
                ContributionAnalyzer.Fitted current = fitted;
                double[] each = new double[NEW_TEXTS];
                for (int r = 0; r < NEW_TEXTS; r++) {
                    TextContribution added = all.get(n + 1 + r);
                    long t0 = System.nanoTime();
                    current = analyzer.update(current, List.of(added), List.of(), 0.1);
                    each[r] = (System.nanoTime() - t0) / 1e6;
                }
                double[] sorted = each.clone();
                java.util.Arrays.sort(sorted);
                System.out.printf("  %s run %d: %d new contributions, one update each (told what changed): median "
                        + "%.2f ms, p95 %.2f ms, max %.2f ms (first %.2f ms); analysed %d%n", kase.getKey(), run,
                        NEW_TEXTS, sorted[NEW_TEXTS / 2], sorted[(int) (NEW_TEXTS * 0.95)], sorted[NEW_TEXTS - 1],
                        each[0], current.analysis().analysed());
                System.out.printf("  %s run %d: full %.2f s (%d clusters, %d sub-topics); one new contribution: "
                        + "placed in %.2f ms (-> %s), whole incremental update %.1f ms (%s); load after %s%n",
                        kase.getKey(), run, full, clusters, subtopics, place, placement.cluster(), update,
                        updated == null ? "full due" : "analysed " + updated.analysis().analysed(), load());
            }
        }
    }

    private static List<TextContribution> append(List<TextContribution> initial, TextContribution extra, UUID id) {
        List<TextContribution> out = new ArrayList<>(initial);
        out.add(new TextContribution(id, extra.kind(), extra.title(), extra.text(), extra.theme(), null, null, null,
                1));
        return out;
    }
}
