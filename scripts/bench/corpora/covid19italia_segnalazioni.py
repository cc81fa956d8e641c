"""Covid19Italia.help reports -> covid19italia-segnalazioni.csv (id,theme,category,text).

Source: GitHub repository emergenzeHack/covid19italia_data, file issues.csv at commit 5790619 (7 May 2020; later
versions of the file are 4 MB or more and are not in the stored snapshot), CC BY 4.0 (see
docs/synthesis-corpora.md). Usage:

    git -C <mirror of emergenzeHack/covid19italia_data> show 5790619:issues.csv > issues.csv
    python3 scripts/bench/corpora/covid19italia_segnalazioni.py issues.csv covid19italia-segnalazioni.csv

Each row of the source is one report sent by the public through the site's form (or a GitHub issue) and accepted
by the volunteer moderators, who assigned its category labels. Kept: the issue number as id, the one category
label (reports with two or more category labels are left out, so that every text has one human category), and
title + ". " + the form's description as the text. Never read: names, phone numbers, e-mails, addresses, IBANs,
coordinates, links and the raw issue body. Left out on purpose: the "Richiesta aiuto" category (requests for help
from individuals, which may describe personal situations).
"""

import csv
import json
import sys

from _common import convert, join_title_body, public_text

# Labels that are workflow or section markers, not categories of the content.
NOT_CATEGORIES = {
    "accettato",
    "Non accettato",
    "form",
    "Bollettino",
    "Sanimapp",
    "Posizione mancante",
    "Posizione da verificare",
    "Risolta",
    "Dati utili",
}
LEFT_OUT = {"Richiesta aiuto"}


def description(data):
    for key in ("Descrizione", "descrizione", "Cosa"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def rows(source):
    csv.field_size_limit(1 << 26)
    dropped = {"not one category": 0, "left-out category": 0, "not accepted": 0, "not Italian": 0,
               "names a titled person": 0}
    with open(source, encoding="utf-8", newline="") as f:
        for record in csv.DictReader(f):
            labels = json.loads(record["labels"] or "[]")
            if "accettato" not in labels or "Non accettato" in labels:
                dropped["not accepted"] += 1
                continue
            categories = [label for label in labels if label not in NOT_CATEGORIES]
            if len(categories) != 1:
                dropped["not one category"] += 1
                continue
            if categories[0] in LEFT_OUT:
                dropped["left-out category"] += 1
                continue
            try:
                data = json.loads(record["data"] or "{}")
            except json.JSONDecodeError:
                data = {}
            text = join_title_body(record["title"], description(data) if isinstance(data, dict) else "")
            text = public_text(text, dropped)
            if text is None:
                continue
            issue_number = record["url"].rstrip("/").rsplit("/", 1)[-1]
            yield issue_number, "", categories[0], text
    print("dropped:", dropped, file=sys.stderr)


if __name__ == "__main__":
    convert(rows)
