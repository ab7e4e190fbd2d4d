"""Scores the theme classifier on ../shared/data (snippets and letters), read at run time.

Per theme precision, recall and F1, macro-F1, primary-theme top-1, and the no-theme documents.
The day-one classifier is not trained on this data, so these are held-out figures.

    .venv/bin/python scripts/eval_themes.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def score(rows: list[dict], classify) -> dict:
    from schemas.records import THEME_KEYS

    tp = dict.fromkeys(THEME_KEYS, 0)
    fp = dict.fromkeys(THEME_KEYS, 0)
    fn = dict.fromkeys(THEME_KEYS, 0)
    top1 = n_with = none_ok = n_none = 0
    for row in rows:
        result = classify(row["text"])
        gold = set(row["themes"])
        for k in THEME_KEYS:
            if k in result.assigned and k in gold:
                tp[k] += 1
            elif k in result.assigned:
                fp[k] += 1
            elif k in gold:
                fn[k] += 1
        if gold:
            n_with += 1
            top1 += result.primary in gold
        else:
            n_none += 1
            none_ok += not result.assigned
    per = {}
    for k in THEME_KEYS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 0.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 0.0
        per[k] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return {
        "per": per,
        "macro_f1": sum(v[2] for v in per.values()) / len(per),
        "top1": top1 / n_with if n_with else 0.0,
        "none": (none_ok, n_none),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    args = parser.parse_args()
    from nlp.anonymise import Anonymiser
    from nlp.pipeline import load
    from nlp.themes import CueClassifier

    anonymiser = Anonymiser(load())
    clf = CueClassifier()

    def classify(text: str):
        return clf.classify(anonymiser.anonymise(text).text)  # as in the pipeline

    print(f"Classifier: {clf.version} (threshold {clf.threshold})")
    for name in ("dev_snippets", "dev_letters"):
        path = args.shared / "data" / f"{name}.jsonl"
        if not path.is_file():
            print(f"{path} ontbreekt", file=sys.stderr)
            return 2
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        r = score(rows, classify)
        print(f"\n{name} ({len(rows)} documents)")
        print(f"{'theme':<20}{'P':>6}{'R':>6}{'F1':>6}")
        for k, (p, rec, f1) in r["per"].items():
            print(f"{k:<20}{p:>6.2f}{rec:>6.2f}{f1:>6.2f}")
        print(
            f"macro-F1 {r['macro_f1']:.3f}   primary top-1 {r['top1']:.3f}   "
            f"no-theme correct {r['none'][0]}/{r['none'][1]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
