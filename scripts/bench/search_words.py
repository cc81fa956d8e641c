"""What real visitors search for: Italian words from real contributions, drawn Zipf-like (#28, "honest load").

    python3 search_words.py [count]     prints the corpus' sources, its vocabulary size and the first words by rank
    python3 search_words.py --write WORDS TEXTS   writes the words (one a line, by rank) and the texts (one a line)

The texts are the public corpora of docs/synthesis-corpora.md when the steering repository has placed them
(../shared/data/corpora/*.csv, or $BENCH_CORPORA/*.csv; column `text`), and always the synthesis tests' Italian
contributions on social services (synthesis-service/src/test/resources/corpus/contributi.csv, 205 texts, 835 words). The benchmarks seed their plans with
these texts, so a search finds what a visitor would find, and search for their words by frequency rank: the word of
rank r is drawn with probability proportional to 1 / r (Zipf, s = 1), the shape of real query logs. With thousands of
distinct words, a cache keyed by the query no longer answers most searches, as it did with the eleven words before.
"""
import csv
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# BENCH_CORPORA: another directory holding the converted CSV files (rebuilt with the converters of
# docs/synthesis-corpora.md outside the repository: they are never committed here).
SHARED_CORPORA = Path(os.environ.get("BENCH_CORPORA", ROOT.parent / "shared" / "data" / "corpora"))
FALLBACK = ROOT / "synthesis-service" / "src" / "test" / "resources" / "corpus" / "contributi.csv"
# Words nobody searches for alone: articles, prepositions, conjunctions, auxiliaries, markers of the corpora.
STOPWORDS = set("""
il lo la i gli le un uno una di del dello della dei degli delle da dal dallo dalla dai dagli dalle in nel nello nella
nei negli nelle con col coi per su sul sullo sulla sui sugli sulle tra fra a al allo alla ai agli alle ad ed e o od
che chi cui non più ma se come anche quando dove perché perche questo questa questi queste quello quella quelli
quelle sono è era erano sia siamo essere stato stata stati state ha hanno abbiamo avere aveva avevano ho hai può
possono deve devono molto molti molte poco tutto tutti tutte tutta ogni altro altra altri altre loro suo sua suoi
sue nostro nostra nostri nostre vostro mio mia noi voi lui lei essi ci si vi ne già ancora solo sempre mai così
fino dopo prima durante verso senza sotto sopra anche oltre quindi però inoltre cioè ovvero ecc etc email url
telefono iban dell all nell dall sull quest
""".split())
WORD = re.compile(r"[a-zàèéìíòóùú]+")


def corpus_texts():
    """(source description, texts): the shared public corpora when present, and the synthesis tests' corpus."""
    files = (sorted(SHARED_CORPORA.glob("*.csv")) if SHARED_CORPORA.is_dir() else []) + [FALLBACK]
    texts = []
    for file in files:
        with open(file, encoding="utf-8", newline="") as source:
            texts += [row["text"] for row in csv.DictReader(source) if row.get("text")]
    return ", ".join(f.name for f in files), texts


def vocabulary(texts, minimum_length=3):
    """Distinct content words of the texts, most frequent first (ties alphabetical, so runs are reproducible)."""
    counts = Counter(w for text in texts for w in WORD.findall(text.lower())
                     if len(w) >= minimum_length and w not in STOPWORDS)
    return [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def write_words(path, words):
    Path(path).write_text("\n".join(words) + "\n", encoding="utf-8")
    return path


def write_texts(path, texts):
    """One text a line (the converters already collapsed whitespace), for the Gatling simulations' proposals."""
    Path(path).write_text("\n".join(" ".join(t.split()) for t in texts) + "\n", encoding="utf-8")
    return path


def proposal(text, n):
    """(title, body) of a proposal made of a corpus text: its first sentence (10–150 characters) and the text."""
    words = text.split()
    title = ""
    for word in words:
        if len(title) + len(word) + 1 > 140:
            break
        title = f"{title} {word}".strip()
        if title.endswith((".", "!", "?")) and len(title) >= 20:
            break
    if len(title) < 10:
        title = text[:100].strip() or "Contributo alla consultazione"
    title = f"{title.rstrip('.')} ({n})"
    body = text[:10_000]
    return title, body if len(body) >= 30 else body + " — contributo ai fini della consultazione."


class Zipf:
    """Ranks 1..n drawn with probability proportional to 1 / rank**s."""

    def __init__(self, values, s=1.0, seed=None):
        self.values = values
        self.random = random.Random(seed)
        self.cumulative = []
        total = 0.0
        for rank in range(1, len(values) + 1):
            total += 1 / rank ** s
            self.cumulative.append(total)

    def pick(self):
        import bisect
        return self.values[bisect.bisect_left(self.cumulative, self.random.random() * self.cumulative[-1])]


def query(zipf):
    """A visitor's query: one word, or two (one in five) as typed in a search box."""
    first = zipf.pick()
    return first if zipf.random.random() >= 0.2 else f"{first} {zipf.pick()}"


if __name__ == "__main__":
    source, texts = corpus_texts()
    if sys.argv[1:2] == ["--write"]:
        write_words(sys.argv[2], vocabulary(texts))
        write_texts(sys.argv[3], texts)
        sys.exit(0)
    words = vocabulary(texts)
    shown = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    zipf = Zipf(words, seed=1)
    draws = Counter(query(zipf) for _ in range(10_000))
    print(f"{len(texts)} texts from {source}: {len(words)} distinct words")
    print("by rank: " + ", ".join(words[:shown]))
    print(f"10,000 Zipf draws: {len(draws)} distinct queries; the most frequent: "
          + ", ".join(f"{q} ({n})" for q, n in draws.most_common(10)))
