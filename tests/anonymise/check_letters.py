"""Validate the blind letters: markup parses, labels are known, checksums hold.

Each letter marks personal data inline as ``[[span|LABEL]]``. This script strips the
markup, prints counts per label and warns about likely misses (an annotated string or
name token that also occurs outside a span, unannotated e-mails, URLs, postcodes,
dates and phone-like numbers), so the annotator can review them by hand.

Usage: python check_letters.py FOLDER [--jsonl OUT]   (OUT gets dev-set style records with
offsets). FOLDER holds the letters (``b01.txt``...): letters_blind3, letters_blind4, ...
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

LABELS = {
    "PERSOON",
    "ADRES",
    "POSTCODE",
    "PLAATS",
    "TELEFOON",
    "EMAIL",
    "BSN",
    "IBAN",
    "GEBOORTEDATUM",
    "DATUM",
    "LEEFTIJD",
    "ZAAKNUMMER",
    "KENTEKEN",
    "URL",
    "INSTELLING",
}
MARK = re.compile(r"\[\[(.+?)\|([A-Z]+)\]\]", re.DOTALL)
# Name particles are not names on their own; chain organisations may carry a region.
PARTICLES = {"van", "der", "den", "de", "het", "ter", "ten", "te", "'t", "op", "el", "al", "bin"}
CHAIN = re.compile(
    r"(Jeugdbescherming|Veilig Thuis|rechtbank|Raad voor de Kinderbescherming)[\w\s-]{0,25}$"
)

SWEEPS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    "url": re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(com|nl|tl)/\S+"),
    "postcode": re.compile(r"\b\d{4} ?[A-Z]{2}\b"),
    "date": re.compile(
        r"\b\d{1,2}[-/]\d{1,2}([-/]\d{2,4})?\b"
        r"|\b\d{1,2} (jan|feb|mrt|maa|apr|mei|jun|jul|aug|sep|okt|nov|dec)",
        re.IGNORECASE,
    ),
    "long number": re.compile(r"\b\d[\d .-]{7,}\d\b"),
}


class MarkupError(ValueError):
    """A letter whose markup does not parse."""


def parse(marked: str) -> tuple[str, list[dict]]:
    """Return the plain text and its spans (start, end, label, text) from marked text."""
    plain: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        between = marked[pos : m.start()]
        if "[[" in between or "]]" in between:
            raise MarkupError(f"stray markup before offset {m.start()}")
        span, label = m.group(1), m.group(2)
        if label not in LABELS:
            raise MarkupError(f"unknown label {label!r}")
        if "[[" in span or "|" in span or not span.strip() or span != span.strip():
            raise MarkupError(f"bad span {span!r}")
        plain.append(between)
        length += len(between)
        spans.append({"start": length, "end": length + len(span), "label": label, "text": span})
        plain.append(span)
        length += len(span)
        pos = m.end()
    tail = marked[pos:]
    if "[[" in tail or "]]" in tail:
        raise MarkupError("stray markup at the end")
    plain.append(tail)
    return "".join(plain), spans


def elfproef(value: str) -> bool:
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 9:
        return False
    total = sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
    return total % 11 == 0


def iban_ok(value: str) -> bool:
    compact = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def covered(spans: list[dict], start: int, end: int) -> bool:
    return any(s["start"] <= start and end <= s["end"] for s in spans)


def warnings_for(plain: str, spans: list[dict]) -> list[str]:
    """Likely misses: strings that look like personal data but lie outside every span."""
    found: list[str] = []
    needles: set[str] = {s["text"] for s in spans if s["label"] != "LEEFTIJD"}
    for s in spans:
        if s["label"] == "PERSOON":
            tokens = re.findall(r"[\w'’-]+", s["text"])
            needles.update(t for t in tokens if len(t) >= 3 and t.lower() not in PARTICLES)
    for needle in sorted(needles):
        for m in re.finditer(rf"(?<![\w]){re.escape(needle)}(?![\w])", plain):
            if CHAIN.search(plain[max(0, m.start() - 60) : m.start()]):
                continue
            if not covered(spans, m.start(), m.end()):
                found.append(f"unannotated occurrence of {needle!r} at {m.start()}")
    for kind, rx in SWEEPS.items():
        for m in rx.finditer(plain):
            if not any(s["start"] < m.end() and m.start() < s["end"] for s in spans):
                found.append(f"unannotated {kind} {m.group(0)!r} at {m.start()}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder with the annotated letters")
    parser.add_argument("--jsonl", type=Path, help="write dev-set style records here")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    records = []
    failed = False
    for path in sorted(args.folder.glob("[a-z][0-9][0-9].txt")):
        marked = path.read_text(encoding="utf-8")
        try:
            plain, spans = parse(marked)
        except MarkupError as exc:
            print(f"{path.name}: ERROR {exc}")
            failed = True
            continue
        words = len(plain.split())
        problems = []
        if not 150 <= words <= 450:
            problems.append(f"{words} words")
        for s in spans:
            if s["label"] == "BSN" and not elfproef(s["text"]):
                problems.append(f"BSN fails elfproef: {s['text']!r}")
            if s["label"] == "IBAN" and not iban_ok(s["text"]):
                problems.append(f"IBAN fails mod-97: {s['text']!r}")
        for p in problems:
            print(f"{path.name}: ERROR {p}")
        failed = failed or bool(problems)
        for w in warnings_for(plain, spans):
            print(f"{path.name}: warn {w}")
        counts.update(s["label"] for s in spans)
        docs.update({s["label"] for s in spans})
        records.append({"id": path.stem, "text": plain, "pii": spans, "words": words})
        print(f"{path.name}: {words} words, {len(spans)} spans")
    print(f"\n{len(records)} letters, {sum(counts.values())} spans")
    print(f"{'label':<14}{'spans':>7}{'letters':>9}")
    for label, n in counts.most_common():
        print(f"{label:<14}{n:>7}{docs[label]:>9}")
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as out:
            for rec in records:
                rec.pop("words")
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
