"""Scores the anonymiser on annotated letters: the development set in ../shared (read at run
time) and our own annotated letters in tests/anonymise/letters (written for this repository,
never seen by the rules' authors while writing them: see that folder's README).

Prints per-label character recall, character precision, the share of direct identifiers whose
text still appears in the output (the leak rate), the share with any word of the value left
unredacted (exposed: stricter, it also counts "[PERSOON-1] koster"), the letters that would be
stored as
``verwerkt`` with a leaked full name, and how often the residual check flags a letter that has
no leak (a false flag).

    .venv/bin/python scripts/eval_anonymise.py [--shared ../shared] [--letters DIR ...]
        [--geen-dev] [--deduce] [--toon-lekken]

The shipped name tagger was trained on all these letters; its honest figures come from
leave-one-folder-out: ``scripts/train_person_tagger.py --loo``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
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
OWN_FOLDERS = (
    "letters",
    "letters_blind",
    "letters_blind2",
    "letters_blind3",
    "letters_blind4",
    "letters_blind5",
    "letters_blind6",  # blind5-13: measured, not gated by tests/anonymise/test_letters.py
    "letters_blind7",
    "letters_blind8",
    "letters_blind9",
    "letters_blind10",
    "letters_blind11",
    "letters_blind12",
    "letters_blind13",
)


class _Result:
    """What an engine returns for one text: the output text, the covered characters and the
    residual flags (empty for engines without a residual check)."""

    def __init__(self, text: str, covered: set[int], flags: list[str]) -> None:
        self.text, self.covered, self.flags = text, covered, flags


def _ours(anonymiser):
    def run(text: str) -> _Result:
        r = anonymiser.anonymise(text)
        covered: set[int] = set()
        for e in r.entities:
            covered.update(range(e.start, e.end))
        return _Result(r.text, covered, list(r.residual_flags))

    return run


def _deduce():
    from deduce import Deduce

    deduce = Deduce()

    def run(text: str) -> _Result:
        doc = deduce.deidentify(text)
        covered: set[int] = set()
        for a in doc.annotations:
            covered.update(range(a.start_char, a.end_char))
        return _Result(doc.deidentified_text, covered, [])

    return run


def _leaked(span: dict, out: str) -> bool:
    """A value leaks when its text is still anywhere in the output (as the figures reported
    before: a substring, so "Kayleigh" in "Kayleighs" counts; strict on purpose)."""
    return span["text"] in out


def _exposed(span: dict, covered: set[int]) -> bool:
    """Stricter than a leak: some word of the value is not (fully) redacted, although the
    value as a whole no longer appears ("ik ben [PERSOON-1] koster" leaks the surname of
    "mark koster"). Tussenvoegsels and one-letter words do not count."""
    import re

    from nlp.anonymise.lexicons import INTERFIXES

    for m in re.finditer(r"[^\W_]+", span["text"]):
        if len(m.group()) < 2 or m.group().lower() in INTERFIXES:
            continue
        first = span["start"] + m.start()
        if any(i not in covered for i in range(first, first + len(m.group()))):
            return True
    return False


def evaluate(rows: list[dict], anonymiser=None, engine=None, show_leaks: bool = False) -> dict:
    """Scores of one engine on annotated rows (``anonymiser`` is ours; ``engine`` any callable
    from text to ``_Result``)."""
    run = engine or _ours(anonymiser)
    gold_chars: dict[str, int] = defaultdict(int)
    covered_chars: dict[str, int] = defaultdict(int)
    pred_chars = pred_in_gold = 0
    leaks: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # label -> [leaked, total]
    exposed: dict[str, int] = defaultdict(int)
    leaked_docs = 0
    flagged = flagged_clean = clean_docs = 0
    unflagged_full_name = 0
    words = 0
    seconds = 0.0
    for row in rows:
        text = row["text"]
        t0 = time.perf_counter()
        result = run(text)
        seconds += time.perf_counter() - t0
        words += len(text.split())
        pred = result.covered
        gold_any: set[int] = set()
        for span in row["pii"]:
            chars = set(range(span["start"], span["end"]))
            gold_any |= chars
            gold_chars[span["label"]] += len(chars)
            covered_chars[span["label"]] += len(chars & pred)
        pred_chars += len(pred)
        pred_in_gold += len(pred & gold_any)
        doc_leaks = []
        for span in row["pii"]:
            if span["label"] in DIRECT:
                leaks[span["label"]][1] += 1
                if _leaked(span, result.text):
                    leaks[span["label"]][0] += 1
                    doc_leaks.append(span)
                if _exposed(span, pred):
                    exposed[span["label"]] += 1
                    if span not in doc_leaks:
                        doc_leaks.append(span)
        leaked_docs += bool(doc_leaks)
        flagged += bool(result.flags)
        if not doc_leaks:
            clean_docs += 1
            flagged_clean += bool(result.flags)
        full = [s for s in doc_leaks if s["label"] == "PERSOON" and len(s["text"].split()) >= 2]
        if full and not result.flags:
            unflagged_full_name += 1
        if show_leaks and (doc_leaks or result.flags):
            shown = ", ".join(f"{s['label']}:{s['text']!r}" for s in doc_leaks)
            print(f"  {row['id']}: lekken [{shown}] vlaggen {result.flags}", file=sys.stderr)
    total_leaked = sum(v[0] for v in leaks.values())
    total_direct = sum(v[1] for v in leaks.values())
    return {
        "recall": {k: covered_chars[k] / gold_chars[k] for k in sorted(gold_chars)},
        "precision": pred_in_gold / pred_chars if pred_chars else 1.0,
        "leaks": {k: tuple(v) for k, v in sorted(leaks.items())},
        "leak_rate": total_leaked / total_direct if total_direct else 0.0,
        "exposed": dict(exposed),
        "exposed_rate": sum(exposed.values()) / total_direct if total_direct else 0.0,
        "leaked_docs": leaked_docs,
        "docs": len(rows),
        "flagged": flagged,
        "false_flag_rate": flagged_clean / clean_docs if clean_docs else 0.0,
        "clean_docs": clean_docs,
        "unflagged_full_name": unflagged_full_name,
        "words_per_s": words / seconds if seconds else 0.0,
    }


def own_letters(folder: Path) -> list[dict]:
    """Our annotated letters (``[[span|LABEL]]`` markup), in the development set's format."""
    from nlp.anonymise.markup import as_row

    return [as_row(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def _print(name: str, r: dict) -> None:
    print(f"\n== {name}: {r['docs']} brieven")
    print(f"{'label':<15}{'char recall':>12}{'leaked/total':>14}{'exposed':>9}")
    for label, rec in r["recall"].items():
        leaked, total = r["leaks"].get(label, (0, 0))
        note = "  (kept by policy)" if label in KEPT_BY_POLICY else ""
        leak = f"{leaked}/{total}" if total else "-"
        exp = str(r["exposed"].get(label, 0)) if total else "-"
        print(f"{label:<15}{rec:>12.3f}{leak:>14}{exp:>9}{note}")
    print(f"Character precision (all labels): {r['precision']:.3f}")
    print(
        f"Direct-identifier leak rate: {r['leak_rate']:.2%} "
        f"({r['leaked_docs']} of {r['docs']} letters with a leak or exposed word)"
    )
    print(f"Exposed (a word of the value not redacted): {r['exposed_rate']:.2%}")
    print(
        f"Residual check: {r['flagged']} flagged; false flags {r['false_flag_rate']:.1%} "
        f"of {r['clean_docs']} letters without a leak; "
        f"{r['unflagged_full_name']} letters 'verwerkt' with a leaked full name"
    )
    print(f"Speed: {r['words_per_s']:,.0f} words/s (one text at a time)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument(
        "--letters",
        type=Path,
        action="append",
        help="folder of annotated letters ([[span|LABEL]]); default: all of ours",
    )
    parser.add_argument("--geen-dev", action="store_true", help="skip ../shared's dev set")
    parser.add_argument("--deduce", action="store_true", help="score deduce on the same letters")
    parser.add_argument("--toon-lekken", action="store_true", help="print what leaked (stderr)")
    args = parser.parse_args()
    sets: dict[str, list[dict]] = {}
    dev = args.shared / "data" / "dev_letters.jsonl"
    if not args.geen_dev:
        if dev.is_file():
            sets["dev_letters"] = [
                json.loads(x) for x in dev.read_text(encoding="utf-8").splitlines() if x
            ]
        else:
            print(f"{dev} ontbreekt: alleen de eigen brieven", file=sys.stderr)
    for folder in args.letters or [REPO / "tests" / "anonymise" / d for d in OWN_FOLDERS]:
        rows = own_letters(folder)
        if rows:
            sets[str(folder.relative_to(REPO) if folder.is_relative_to(REPO) else folder)] = rows
    if not sets:
        print("geen brieven om te evalueren", file=sys.stderr)
        return 2
    from nlp.anonymise import Anonymiser
    from nlp.pipeline import load

    pipeline = load()
    anonymiser = Anonymiser(pipeline)
    print(f"Pipeline: {pipeline.describe()}")
    engines = [("rodedraad", None)]
    if args.deduce:
        engines.append(("deduce", _deduce()))
    summary: list[tuple[str, str, dict]] = []
    for engine_name, engine in engines:
        for name, rows in sets.items():
            r = evaluate(rows, anonymiser, engine, show_leaks=args.toon_lekken)
            _print(f"{engine_name} op {name}", r)
            summary.append((engine_name, name, r))
    _print_summary(summary)
    return 0


def _print_summary(summary: list[tuple[str, str, dict]]) -> None:
    """One line per engine and set: the figures the issue's targets are about."""
    print("\n== Overzicht per set")
    print(
        f"{'engine':<10}{'set':<32}{'brieven':>8}{'lek':>8}{'blootgesteld':>13}"
        f"{'precisie':>9}{'verwerkt+naam':>14}  PERSOON"
    )
    for engine_name, name, r in summary:
        leaked, total = r["leaks"].get("PERSOON", (0, 0))
        print(
            f"{engine_name:<10}{name:<32}{r['docs']:>8}{r['leak_rate']:>8.2%}"
            f"{r['exposed_rate']:>13.2%}{r['precision']:>9.3f}{r['unflagged_full_name']:>14}"
            f"  {leaked}/{total}"
        )


if __name__ == "__main__":
    sys.exit(main())
