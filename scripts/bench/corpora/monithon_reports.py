"""Monithon civic-monitoring reports -> monithon-reports.csv (id,theme,category,text).

Source: GitHub repository level73/Monithon, file scripts/dataset_monithon.csv (CC BY-SA 4.0, see
docs/synthesis-corpora.md). Usage:

    git -C <mirror of level73/Monithon> show HEAD:scripts/dataset_monithon.csv > dataset_monithon.csv
    python3 scripts/bench/corpora/monithon_reports.py dataset_monithon.csv monithon-reports.csv

Kept: the report id (ID_Monithon2), the OpenCoesione theme of the monitored project (oc_tema_sintetico) as the
category, and the report's title + ". " + description as the text. Every other column (authors, e-mails,
usernames, passwords, interviewees, addresses, coordinates, school data) is never read.
"""

import csv
import re
import sys

from _common import convert, join_title_body, public_text

# Two spellings of one OpenCoesione theme in the source.
CATEGORY_ALIASES = {
    "Agenda Digitale": "Agenda digitale",
    "Servizi di cura infanzia e anziani": "Infanzia e anziani",
}


MOJIBAKE_PAIR = re.compile("[\u00c2\u00c3][\u0080-\u00bf]")


def fix_mojibake(text):
    """Undo UTF-8 read as Latin-1 (once or twice), as in 'GIOVENTÃÂ¹' or 'MOBILITÃ\\x80', pair by pair."""
    for _ in range(3):
        fixed = MOJIBAKE_PAIR.sub(lambda m: m.group().encode("latin-1").decode("utf-8"), text)
        if fixed == text:
            break
        text = fixed
    # Where the source lost the second byte of 'À' (0xC3 0x80) or 'à' (0xC3 0xA0) it left 'Ã' and a space.
    text = re.sub("(?<=[A-Z])\u00c3(?= )", "\u00c0", text)
    return re.sub("\u00c3(?= )", "\u00e0", text)


def rows(source):
    csv.field_size_limit(1 << 26)
    dropped = {"no category": 0, "not Italian": 0, "names a titled person": 0}
    with open(source, encoding="utf-8-sig", newline="") as f:
        for record in csv.DictReader(f):
            category = record["oc_tema_sintetico"].strip()
            category = CATEGORY_ALIASES.get(category, category)
            if not category:
                dropped["no category"] += 1
                continue
            text = join_title_body(fix_mojibake(record["titolo"]), fix_mojibake(record["descrizione"]))
            text = public_text(text, dropped)
            if text is None:
                continue
            yield record["ID_Monithon2"].strip(), "", category, text
    print("dropped:", dropped, file=sys.stderr)


if __name__ == "__main__":
    convert(rows)
