package org.coprogram.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What visitors search for (#28, "honest load"): the words of the file {@code wordsFile} (one a line, most frequent
 * first, written by scripts/bench/search_words.py from the real Italian corpora), the word of rank r drawn with
 * probability proportional to 1 / r (Zipf, s = 1); one query in five has two words. Without the file, the eleven
 * words the benchmarks searched before.
 */
final class SearchWords {

    static final SearchWords QUERIES = new SearchWords(System.getProperty("wordsFile", ""));

    private final List<String> words;
    private final double[] cumulative;

    SearchWords(String file) {
        try {
            this.words = file.isBlank() ? ItalianProposals.WORDS
                    : Files.readAllLines(Path.of(file)).stream().filter(w -> !w.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.cumulative = new double[words.size()];
        double total = 0;
        for (int rank = 1; rank <= words.size(); rank++) {
            total += 1.0 / rank;
            cumulative[rank - 1] = total;
        }
    }

    String word(ThreadLocalRandom random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
        return words.get(Math.min(words.size() - 1, at < 0 ? -at - 1 : at));
    }

    String query(ThreadLocalRandom random) {
        String first = word(random);
        return random.nextInt(5) == 0 ? first + " " + word(random) : first;
    }

    /** A result page: the first most often, then deeper ones ever more rarely, up to {@code deepest}. */
    static int page(ThreadLocalRandom random, int deepest) {
        int page = 0;
        while (page < deepest && random.nextInt(5) < 2) {
            page++;
        }
        return random.nextInt(10) == 0 ? random.nextInt(deepest + 1) : page;
    }
}
