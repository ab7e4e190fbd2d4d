"""Scores the anonymiser against ../shared/data/dev_letters.jsonl (read at run time).

Prints per-label character recall, character precision, and the share of direct identifiers
whose text still appears in the output (the leak rate).

    .venv/bin/python scripts/eval_anonymise.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

DIRECT = (
    "PERSOON",
    "ADRES",
    "POSTCODE",
    "TELEFOON",
    "EMAIL",
    "BSN",
    "IBAN",
    "GEBOORTEDATUM",
    "ZAAKNUMMER",
    "KENTEKEN",
    "URL",
)
KEPT_BY_POLICY = ("LEEFTIJD",)  # ages stay in the text on purpose


def evaluate(rows: list[dict], anonymiser) -> dict:
    gold_chars: dict[str, int] = defaultdict(int)
    covered_chars: dict[str, int] = defaultdict(int)
    pred_chars = pred_in_gold = 0
    leaks: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # label -> [leaked, total]
    leaked_docs = 0
    for row in rows:
        text = row["text"]
        result = anonymiser.anonymise(text)
        pred = set()
        for e in result.entities:
            pred.update(range(e.start, e.end))
        gold_any = set()
        for span in row["pii"]:
            chars = set(range(span["start"], span["end"]))
            gold_any |= chars
            gold_chars[span["label"]] += len(chars)
            covered_chars[span["label"]] += len(chars & pred)
        pred_chars += len(pred)
        pred_in_gold += len(pred & gold_any)
        doc_leak = False
        for span in row["pii"]:
            if span["label"] in DIRECT:
                leaks[span["label"]][1] += 1
                if span["text"] in result.text:
                    leaks[span["label"]][0] += 1
                    doc_leak = True
        leaked_docs += doc_leak
    total_leaked = sum(v[0] for v in leaks.values())
    total_direct = sum(v[1] for v in leaks.values())
    return {
        "recall": {k: covered_chars[k] / gold_chars[k] for k in sorted(gold_chars)},
        "precision": pred_in_gold / pred_chars if pred_chars else 1.0,
        "leaks": {k: tuple(v) for k, v in sorted(leaks.items())},
        "leak_rate": total_leaked / total_direct if total_direct else 0.0,
        "leaked_docs": leaked_docs,
        "docs": len(rows),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    args = parser.parse_args()
    path = args.shared / "data" / "dev_letters.jsonl"
    if not path.is_file():
        print(f"{path} ontbreekt: geen evaluatie mogelijk", file=sys.stderr)
        return 2
    from nlp.anonymise import Anonymiser
    from nlp.pipeline import load

    pipeline = load()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    r = evaluate(rows, Anonymiser(pipeline))
    print(f"Pipeline: {pipeline.describe()}")
    print(f"Documents: {r['docs']}")
    print(f"{'label':<15}{'char recall':>12}{'leaked/total':>14}")
    for label, rec in r["recall"].items():
        leaked, total = r["leaks"].get(label, (0, 0))
        note = "  (kept by policy)" if label in KEPT_BY_POLICY else ""
        leak = f"{leaked}/{total}" if total else "-"
        print(f"{label:<15}{rec:>12.3f}{leak:>14}{note}")
    print(f"Character precision (all labels): {r['precision']:.3f}")
    print(
        f"Direct-identifier leak rate: {r['leak_rate']:.2%} "
        f"({r['leaked_docs']} of {r['docs']} letters with a leak)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
