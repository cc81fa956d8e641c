package org.coprogram.proposal.search;

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
    static final CharArraySet ELISIONS = CharArraySet.unmodifiableSet(new CharArraySet(List.of("c", "l", "all",
            "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t",
            "s", "v", "d"), true));

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
        List<String> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return terms;
        }
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
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
    }
}
