"""Shared helpers for the corpus converters (Python 3 standard library only).

Each converter reads one public source file and writes `id,theme,category,text` rows. The helpers here only
remove contact details from the text (never rewrite it), tell Italian from other languages, and write the CSV.
"""

import csv
import re
import sys

# Contact details are replaced by a bracketed marker; the rest of the text is kept verbatim.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
IBAN = re.compile(r"\bIT\s?\d{2}\s?[A-Z](?:\s?[0-9A-Z]){22}\b")
# Italian landline (0...) and mobile (3..) numbers: digits in groups split only by spaces or dashes (dates and
# amounts use dots, commas and slashes), optionally after +39/0039; or any digit run right after "tel", "cell", ...
PHONE = re.compile(r"(?<![\w/.,€$-])(?:(?:\+|00)39[\s-]?)?(?:0\d{1,3}|3\d{2})(?:[\s-]?\d{2,4}){1,3}(?!\w|[.,/]\d)")
PHONE_AFTER_WORD = re.compile(
    r"\b(tel|telefono|tel\.?\s?/\s?fax|cell|cellulare|whatsapp|fax|numero verde)(\.?\s*:?\s*)(?:(?:\+|00)39)?[\d][\d\s./-]{4,}\d",
    re.IGNORECASE,
)
# Toll-free and premium numbers (800 123 456): three digits then three to six more, split by spaces only.
SHORT_NUMBER = re.compile(r"(?<![\w/.,€$])(?:80[0-3]|89[0-9])(?:\s?\d){3,6}(?!\w|[.,/]\d)")

# A person named with a title ("dott.ssa Maria Rossi", "Prof. Bianchi"): such texts are dropped, not edited.
TITLED_NAME = re.compile(
    r"\b(?:dott|dott\.ssa|dottssa|dr|dssa|prof|prof\.ssa|avv|ing|arch|geom|sig|sig\.ra|sigra)\.?\s+[A-Z][a-zà-ù]+",
    re.IGNORECASE,
)

ITALIAN_WORDS = set(
    "il lo la i gli le di del della dei delle da dal dalla in nel nella con per su tra fra che non è e ed un una uno "
    "sono al alla ai alle anche come più questo questa ogni sul sulla".split()
)


def redact_contacts(text):
    text = EMAIL.sub("[email]", text)
    text = URL.sub("[url]", text)
    text = IBAN.sub("[iban]", text)
    text = PHONE_AFTER_WORD.sub(lambda m: m.group(1) + m.group(2) + "[telefono]", text)
    text = PHONE.sub(lambda m: "[telefono]" if 6 <= sum(c.isdigit() for c in m.group()) <= 12 else m.group(), text)
    text = SHORT_NUMBER.sub("[telefono]", text)
    return text


def names_a_titled_person(text):
    return TITLED_NAME.search(text) is not None


def looks_italian(text, minimum_share=0.12):
    words = re.findall(r"[a-zà-ù]+", text.lower())
    if len(words) < 5:
        return True
    return sum(w in ITALIAN_WORDS for w in words) / len(words) >= minimum_share


def tidy(text):
    """Collapse runs of whitespace (the sources mix CR/LF, tabs and non-breaking spaces)."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def join_title_body(title, body):
    title, body = tidy(title), tidy(body)
    if title and body:
        return title if body == title else title.rstrip(".") + ". " + body
    return title or body


def write_corpus(path, rows):
    """rows: iterable of (id, theme, category, text); drops empty texts and exact duplicates (first kept)."""
    seen = set()
    kept = []
    for row in rows:
        text = row[3]
        if not text or not row[2] or text in seen:
            continue
        seen.add(text)
        kept.append(row)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "theme", "category", "text"])
        writer.writerows(kept)
    return kept


def public_text(text, dropped):
    """The text as the corpus keeps it (contacts masked), or None, counted in dropped, if it may not be kept."""
    if not looks_italian(text):
        dropped["not Italian"] += 1
        return None
    if names_a_titled_person(text):
        dropped["names a titled person"] += 1
        return None
    return redact_contacts(text)


def convert(rows):
    """The converters' command line: SOURCE TARGET; rows(source) yields (id, theme, category, text)."""
    source, target = sys.argv[1:3]
    kept = write_corpus(target, rows(source))
    print(f"{len(kept)} rows written to {target}", file=sys.stderr)
