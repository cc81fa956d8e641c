package org.coprogram.synthesis.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.coprogram.common.text.ItalianText;

/**
 * Full recomputation of the text analysis for N contributions (default 100,000), built by recombining the corpus's
 * sentences within each topic so that texts differ but topics stay recognisable. Prints wall time per run; run by
 * scripts/bench-synthesis.sh, not by the test suite.
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<TextContribution> contributions = synthetic(Corpus.load(), n);
        ContributionAnalyzer analyzer = new ContributionAnalyzer(new ItalianText(), 20);
        System.out.printf("contributions=%d cores=%d maxHeapMB=%d%n", n, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            TextAnalysis analysis = analyzer.analyse(contributions);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("run=%d seconds=%.2f analysed=%d clusters=%d nearDuplicateGroups=%d%n", run,
                    millis / 1000.0, analysis.analysed(), analysis.clusters().size(),
                    analysis.nearDuplicates().size());
        }
    }

    static List<TextContribution> synthetic(Corpus corpus, int n) {
        Random random = new Random(42);
        List<String> topics = corpus.topics();
        List<TextContribution> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Corpus.Entry> topic = corpus.ofTopic(topics.get(random.nextInt(topics.size())));
            Corpus.Entry first = topic.get(random.nextInt(topic.size()));
            Corpus.Entry second = topic.get(random.nextInt(topic.size()));
            String text = first.text() + " " + second.text().substring(0, second.text().length() / 2);
            out.add(new TextContribution(new UUID(0, i), first.kind(), first.title(), text, first.theme(),
                    first.municipality().provinceCode(), first.municipality().districtCode(),
                    first.municipality().istatCode(), random.nextInt(20)));
        }
        return out;
    }
}
