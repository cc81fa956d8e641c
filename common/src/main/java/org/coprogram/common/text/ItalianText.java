package org.coprogram.common.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemmer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * Italian text to search terms with Lucene's Italian analysis chain: elisions removed ("l'anziano" → "anziano"),
 * lower case, Italian stop words dropped, accents folded ("città" → "citta"), then the light stemmer, which maps
 * singular and plural to one stem ("anziano", "anziani" → "anzian"). PostgreSQL's Snowball {@code italian}
 * configuration stems "anziano" to "anzi" but "anziani" to "anzian", so it cannot find one from the other; we index
 * these terms with the {@code simple} configuration instead. The light stemmer leaves words of five letters or fewer
 * alone ("unico" and "unici" stay apart).
 */
@ApplicationScoped
public class ItalianText {

    /** The elided articles and prepositions ItalianAnalyzer strips (its own list is private). */
    public static final CharArraySet ELISIONS = CharArraySet.unmodifiableSet(new CharArraySet(List.of("c", "l", "all",
            "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t",
            "s", "v", "d"), true));

    /** A term and the word it came from, in lower case with its accents ("povertà" for the term "poverta"). */
    public record Term(String stem, String word) {
    }

    private final Analyzer words = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream terms = new StopFilter(new LowerCaseFilter(new ElisionFilter(source, ELISIONS)),
                    ItalianAnalyzer.getDefaultStopSet());
            return new TokenStreamComponents(source, terms);
        }
    };

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream terms = new ElisionFilter(source, ELISIONS);
            terms = new LowerCaseFilter(terms);
            terms = new StopFilter(terms, ItalianAnalyzer.getDefaultStopSet());
            // Folding before stemming, so "città" and "citta" reach the stemmer as the same word.
            terms = new ASCIIFoldingFilter(terms);
            return new TokenStreamComponents(source, new ItalianLightStemFilter(terms));
        }
    };

    /** The terms of {@code text}, in order, repeated as they occur. */
    public List<String> terms(String text) {
        return run(analyzer, text);
    }

    /**
     * The terms of {@code text} with the words they came from. Folding and stemming never drop a token, so the two
     * chains yield the same number of tokens in the same order.
     */
    public List<Term> termsWithWords(String text) {
        // One pass of the chain without folding and stemming, then both on each word: the same terms as running the
        // two chains, at half the cost (the tokenizer dominates).
        List<String> surface = run(words, text);
        List<Term> terms = new ArrayList<>(surface.size());
        ItalianLightStemmer stemmer = new ItalianLightStemmer();
        char[] buffer = new char[64];
        for (String word : surface) {
            int length = word.length();
            if (buffer.length < 4 * length) {
                buffer = new char[4 * length];
            }
            boolean ascii = true;
            for (int i = 0; i < length && ascii; i++) {
                ascii = word.charAt(i) < '\u0080';
            }
            if (ascii) {
                word.getChars(0, length, buffer, 0);
            } else {
                length = ASCIIFoldingFilter.foldToASCII(word.toCharArray(), 0, buffer, 0, length);
            }
            terms.add(new Term(new String(buffer, 0, stemmer.stem(buffer, length)), word));
        }
        return terms;
    }

    private static List<String> run(Analyzer chain, String text) {
        List<String> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return terms;
        }
        try (TokenStream stream = chain.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Analysis of an in-memory string failed", e);
        }
        return terms;
    }

    /** The terms as one space-separated document, for {@code to_tsvector('simple', …)}. */
    public String document(String text) {
        return String.join(" ", terms(text));
    }

    @PreDestroy
    void close() {
        analyzer.close();
        words.close();
    }
}
