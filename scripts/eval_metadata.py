"""Accuracy of the metadata read from letters (role, organisation, municipality, letter date) on
our own annotated letters in tests/metadata_letters/: ``afstem/`` is the part the rules were
developed on, ``apart/`` the held-out part (written before the rules; never tuned on).

    .venv/bin/python scripts/eval_metadata.py            # figures per field and part
    .venv/bin/python scripts/eval_metadata.py --fouten   # also list the misses in afstem/
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path

from nlp.metadata import extract
from nlp.metadata.letter_date import letter_date

LETTERS = Path(__file__).resolve().parent.parent / "tests" / "metadata_letters"
FIELDS = ("complainant_role", "organisation", "municipality", "letter_date")
_KEYS = {"role": "complainant_role"}
# Received long after every letter was written: the date rules must find the date themselves.
RECEIVED = datetime(2026, 11, 20, 10, tzinfo=UTC)


def read(path: Path) -> tuple[dict[str, str], str]:
    head, text = path.read_text("utf-8").split("---\n", 1)
    gold = {}
    for line in head.strip().splitlines():
        key, value = line.split(":", 1)
        gold[_KEYS.get(key.strip(), key.strip())] = value.strip()
    return gold, text


def predict(text: str) -> dict[str, str]:
    meta = extract(text)
    found = letter_date(text, RECEIVED)
    return {
        "complainant_role": meta.complainant_role,
        "organisation": meta.organisation,
        "municipality": meta.municipality,
        "letter_date": found.isoformat() if isinstance(found, date) else "none",
    }


def evaluate(part: str) -> tuple[dict[str, float], list[tuple[str, str, str, str]], int]:
    paths = sorted((LETTERS / part).glob("*.txt"))
    right = dict.fromkeys(FIELDS, 0)
    misses = []
    for path in paths:
        gold, text = read(path)
        got = predict(text)
        for field in FIELDS:
            if got[field] == gold[field]:
                right[field] += 1
            else:
                misses.append((path.name, field, gold[field], got[field]))
    return {f: right[f] / len(paths) for f in FIELDS}, misses, len(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fouten", action="store_true", help="list the misses in afstem/")
    args = parser.parse_args()
    for part in ("afstem", "apart"):
        scores, misses, n = evaluate(part)
        label = "afgestemd" if part == "afstem" else "apart gehouden"
        figures = ", ".join(f"{f} {scores[f]:.2f}" for f in FIELDS)
        print(f"{part} ({label}, {n} brieven): {figures}")
        if args.fouten and part == "afstem":
            for name, field, gold, got in misses:
                print(f"  {name} {field}: verwacht {gold!r}, gevonden {got!r}")


if __name__ == "__main__":
    main()
