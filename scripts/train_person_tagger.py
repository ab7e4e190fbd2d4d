"""Trains the person-name tagger (``nlp/anonymise/person_tagger.py``) and measures it honestly.

Training data, read at run time: our annotated letter folders (``tests/anonymise/letters*``)
and the PERSOON spans of the development set (``../shared/data/dev_letters.jsonl``; skipped
with a note when absent). Writes ``nlp/anonymise/data/person_tagger.{npz,json}``: hashed
feature weights and a card with the SHA-256 of the training data.

``--loo`` is leave-one-folder-out: for each folder, a tagger trained without it scores that
folder, with the whole anonymiser, before (tagger off) and after (tagger on). Nothing is
written then.

    .venv/bin/python scripts/train_person_tagger.py [--shared ../shared] [--loo]
        [--drempel 0.5] [--C 0.5]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import eval_anonymise  # noqa: E402

DEFAULT_THRESHOLD = 0.5
DEFAULT_THRESHOLD_LOWERCASE = 0.8
DEFAULT_C = 0.5


def load_sets(shared: Path) -> dict[str, list[dict]]:
    sets: dict[str, list[dict]] = {}
    for folder in eval_anonymise.OWN_FOLDERS:
        rows = eval_anonymise.own_letters(REPO / "tests" / "anonymise" / folder)
        if rows:
            sets[folder] = rows
    dev = shared / "data" / "dev_letters.jsonl"
    if dev.is_file():
        sets["dev_letters"] = [
            json.loads(x) for x in dev.read_text(encoding="utf-8").splitlines() if x
        ]
    else:
        print(f"{dev} ontbreekt: getraind zonder de ontwikkelset", file=sys.stderr)
    return sets


def data_hash(rows: list[dict]) -> str:
    """SHA-256 of what the tagger learns from: the texts and their PERSOON spans."""
    h = hashlib.sha256()
    for row in sorted(rows, key=lambda r: (r["id"], r["text"])):
        spans = [(s["start"], s["end"]) for s in row["pii"] if s["label"] == "PERSOON"]
        h.update(json.dumps([row["text"], spans], ensure_ascii=False).encode())
    return h.hexdigest()


def featurise(rows: list[dict], nlp, lex) -> tuple[list[list[int]], list[int]]:
    """Hashed feature indices and the label (inside a PERSOON span) of each candidate token."""
    from nlp.anonymise.person_features import bucket
    from nlp.anonymise.person_tagger import training_rows

    x: list[list[int]] = []
    y: list[int] = []
    for row in rows:
        text = row["text"]
        tokens = list(nlp(text))
        person = np.zeros(len(text) + 1, dtype=bool)
        for s in row["pii"]:
            if s["label"] == "PERSOON":
                person[s["start"] : s["end"]] = True
        for i, feats in training_rows(tokens, text, lex):
            t = tokens[i]
            x.append([bucket(f) for f in feats])
            y.append(int(person[t.idx : t.idx + len(t)].any()))
    return x, y


def lowercased(rows: list[dict]) -> list[dict]:
    """Chat-style copies: the same letters in lowercase, with the same spans. Real lowercase
    letters are few; the copies teach that a cue still announces a name without a capital."""
    return [
        {**r, "id": f"{r['id']}-lower", "text": r["text"].lower()}
        for r in rows
        if len(r["text"].lower()) == len(r["text"])
    ]


def fit(rows: list[dict], nlp, lex, threshold: float, c: float, augment: bool = True):
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from nlp.anonymise.person_features import BUCKETS
    from nlp.anonymise.person_tagger import PersonTagger

    x, y = featurise(rows + (lowercased(rows) if augment else []), nlp, lex)
    indptr = np.cumsum([0] + [len(r) for r in x])
    cols = np.fromiter((i for r in x for i in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(cols), dtype=np.float32)
    matrix = csr_matrix((data, cols, indptr), shape=(len(x), BUCKETS))
    matrix.sum_duplicates()
    model = LogisticRegression(C=c, solver="liblinear", max_iter=200)
    model.fit(matrix, y)
    card = {
        "training_docs": len(rows),
        "training_tokens": len(y),
        "training_positives": int(sum(y)),
        "training_data_sha256": data_hash(rows),
        "C": c,
        "lowercase_copies": augment,
    }
    return PersonTagger(
        model.coef_[0].astype(np.float32), float(model.intercept_[0]), threshold, card=card
    )


def leave_one_out(
    sets: dict[str, list[dict]],
    pipeline,
    thresholds: list[tuple[float, float]],
    c: float,
    augment: bool,
) -> None:
    """Per held-out folder: the rules alone (tagger off), the tagger instead of the name rules,
    and both, at each threshold."""
    from nlp.anonymise import Anonymiser, Policy, person_tagger

    configs = {
        "regels": Anonymiser(pipeline, Policy(off=frozenset({"namentagger"}))),
        "tagger": Anonymiser(pipeline, Policy(off=frozenset({"namen"}))),
        "beide": Anonymiser(pipeline),
    }
    print(f"Leave-one-folder-out (C {c}, kleine-lettercopieën {augment})")
    print(
        f"{'map':<16}{'config':<8}{'drempels':>10}{'lek':>8}{'precisie':>9}{'PERSOON':>10}"
        f"{'verwerkt+naam':>14}"
    )
    totals: dict[tuple[str, float], list[int]] = {}
    for held_out, rows in sets.items():
        train = [r for name, rs in sets.items() if name != held_out for r in rs]
        model = fit(train, pipeline.nlp, configs["beide"].lex, thresholds[0][0], c, augment)
        person_tagger.use(model)
        for config, anonymiser in configs.items():
            for threshold in thresholds if config != "regels" else [(0.0, 0.0)]:
                model.threshold, model.threshold_lowercase = threshold
                r = eval_anonymise.evaluate(rows, anonymiser)
                leaked = sum(v[0] for v in r["leaks"].values())
                total = sum(v[1] for v in r["leaks"].values())
                acc = totals.setdefault((config, threshold), [0, 0, 0, 0])
                acc[0] += leaked
                acc[1] += total
                acc[2] += round(r["precision"] * 1000)
                acc[3] += 1
                pl, pt = r["leaks"].get("PERSOON", (0, 0))
                shown = "-" if config == "regels" else "{:.2f}/{:.2f}".format(*threshold)
                print(
                    f"{held_out:<16}{config:<8}{shown:>10}{r['leak_rate']:>8.2%}"
                    f"{r['precision']:>9.3f}{f'{pl}/{pt}':>10}{r['unflagged_full_name']:>14}"
                )
    print("\nAlle mappen samen (lek: alle directe identificatoren; precisie: gemiddelde per map)")
    for (config, threshold), (leaked, total, prec, n) in totals.items():
        shown = "-" if config == "regels" else "{:.2f}/{:.2f}".format(*threshold)
        print(f"{config:<8}{shown:>10}{leaked / total:>8.2%}{prec / n / 1000:>9.3f}")
    person_tagger.use(None)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--loo", action="store_true", help="leave-one-folder-out; schrijft niets")
    parser.add_argument("--drempel", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument(
        "--drempel-klein", type=float, default=DEFAULT_THRESHOLD_LOWERCASE, help="kleine letter"
    )
    parser.add_argument(
        "--drempels",
        help="bij --loo: paren drempel/kleine-letterdrempel, komma-gescheiden (0.5/0.8,0.6/0.9)",
    )
    parser.add_argument("--geen-kopieen", action="store_true", help="zonder kleine-lettercopieën")
    parser.add_argument("--C", type=float, default=DEFAULT_C)
    args = parser.parse_args()
    from nlp.anonymise import lexicons
    from nlp.pipeline import load

    pipeline = load()
    sets = load_sets(args.shared)
    if args.loo:
        pairs = args.drempels or f"{args.drempel}/{args.drempel_klein}"
        thresholds = [(float(a), float(b)) for a, b in (x.split("/") for x in pairs.split(","))]
        leave_one_out(sets, pipeline, thresholds, args.C, not args.geen_kopieen)
        return 0
    rows = [r for rs in sets.values() for r in rs]
    model = fit(rows, pipeline.nlp, lexicons.load(), args.drempel, args.C, not args.geen_kopieen)
    model.threshold_lowercase = args.drempel_klein
    model.card["training_sets"] = sorted(sets)
    model.save()
    print(
        f"Getraind op {len(rows)} brieven ({', '.join(sorted(sets))}); "
        f"{model.card['training_tokens']} kandidaat-tokens, "
        f"{model.card['training_positives']} in een naam"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
