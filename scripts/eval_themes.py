"""Honest figures for theme models on the labelled corpus in ../shared/data (read at run time,
anonymised first as in the pipeline).

- the codebook is not fitted on this data: its figures on each style are held-out figures;
- every base-model recipe is scored (a) 5-fold cross-validated over the shared corpus and (b)
  cross-style: fitted on all styles but one, scored on the one left out. Each fit chooses its
  own thresholds on its own training part; nothing of the scored part is seen. The project's own
  texts (nlp/themes/data) join every training part and are never scored (``--zonder-eigen``
  leaves them out, to measure what they add).

Per theme F1, macro-F1, primary-theme top-1 (over documents with a theme; a complaint that gets
no theme counts as wrong) and the no-theme documents that got no theme.

    .venv/bin/python scripts/eval_themes.py [--data ../shared/data] [--recipes base,tfidf]
        [--codebook] [--json F]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.themes import codebook, corpus, featuriser  # noqa: E402
from nlp.themes.base import CHEAP_SOURCES  # noqa: E402
from nlp.themes.base_training import SHIPPED_RECIPE, Recipe, cross_validated, fit  # noqa: E402
from nlp.themes.metrics import Scores, score  # noqa: E402
from schemas.records import THEME_KEYS, ThemeResult  # noqa: E402

RECIPES = {
    # what ships: TF-IDF + codebook cues + the gate's scope features + best sentences, stacked,
    # on the body of the text; the gate keeps 98 % of the complaints; a further theme needs
    # half the first theme's probability
    "base": SHIPPED_RECIPE,
    "previous": Recipe(sentences=True, body_only=True, gate="recall:0.99"),  # shipped before
    "no-scope": replace(SHIPPED_RECIPE, dense=("cues",)),
    "second-free": replace(SHIPPED_RECIPE, second=None),  # ratio chosen by cross-validation
    "gate-99": replace(SHIPPED_RECIPE, gate="recall:0.99"),
    "gate-accuracy": replace(SHIPPED_RECIPE, gate="accuracy"),
    "gate-cost2": replace(SHIPPED_RECIPE, gate="cost:2"),
    "framed": replace(SHIPPED_RECIPE, body_only=False, gate="accuracy"),  # the whole text
    "whole-text": Recipe(),  # no sentence features, the whole text, the accuracy gate
    # sentence embeddings stacked in as well: not kept (cross-style 0.900, no theme 49/55)
    "base+emb": replace(SHIPPED_RECIPE, dense=("cues", "scope", "embeddings")),
    "tfidf": Recipe(dense=(), combiner="average"),
    "tfidf+cues-avg": Recipe(dense=("cues",), combiner="average"),
    "tfidf+embeddings": Recipe(dense=("embeddings",), dense_c=0.05),
    "tfidf+codebook+embeddings": Recipe(dense=("codebook", "embeddings"), dense_c=0.05),
}


def _results(decided) -> list[ThemeResult]:
    return [
        ThemeResult({}, themes, themes[0] if themes else None, [], "eval", kind)
        for themes, kind in decided
    ]


def _line(name: str, s: Scores) -> str:
    f1 = " ".join(f"{s.per_theme[k][2]:.2f}" for k in THEME_KEYS)
    return (
        f"  {name:<14} macro-F1 {s.macro_f1:.3f}  top-1 {s.top1:.3f}  "
        f"zonder thema goed {s.none_correct}/{s.n_without_theme}  F1 per thema {f1}"
    )


def own_complaints() -> list[str]:
    """Complaint letters of our own writing that no model trains on: the metadata test letters
    (tests/metadata_letters) and synthetic benchmark letters. All are complaints, so the share
    the gate keeps measures how it carries over to letters unlike the training styles."""
    from benchmarks.corpus import letters

    texts = [
        p.read_text(encoding="utf-8").split("---\n", 1)[1]
        for p in sorted((ROOT / "tests" / "metadata_letters").rglob("*.txt"))
    ]
    return texts + [letter.text for letter in letters(60, seed=99)]


def labelled_letters() -> tuple[list[str], list[list[str]]]:
    """The hand-written test letters of tests/corpus (planted, plain and the held-out topic
    corpora): realistic letters and e-mails with theme labels, about a tenth of them no
    complaint, written for tests and never trained on."""
    texts: list[str] = []
    labels: list[list[str]] = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.append(row["text"])
                labels.append(list(row["themes"]))
    return texts, labels


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--recipes", default="base")
    parser.add_argument("--codebook", action="store_true", help="ook het codeboek (USE)")
    parser.add_argument("--json", type=Path, help="schrijf alle cijfers ook als JSON")
    parser.add_argument("--zonder-eigen", action="store_true", help="zonder eigen teksten")
    args = parser.parse_args()
    absent = corpus.missing(args.data)
    if absent:
        print(f"ontbreekt in {args.data}: {', '.join(absent)}", file=sys.stderr)
        return 2
    data = corpus.read(args.data, own=not args.zonder_eigen)
    styles = np.array(data.styles)
    order = list(corpus.STYLES)
    shared = corpus.scored(data.styles)
    print(
        f"thema's: {', '.join(THEME_KEYS)}; {len(shared)} documenten gescoord, "
        f"{len(data.texts) - len(shared)} eigen teksten alleen om te trainen"
    )
    out: dict[str, dict] = {}
    from nlp.anonymise import Anonymiser
    from nlp.pipeline import load

    anonymiser = Anonymiser(load())
    held_out = [a.text for _, a in anonymiser.pipe(own_complaints())]
    test_texts, test_labels = labelled_letters()
    test_texts = [a.text for _, a in anonymiser.pipe(test_texts)]
    if args.codebook:
        model = codebook("use")
        results = model.classify_many(data.texts)
        out["codebook"] = {}
        print(f"\ncodeboek {model.version} (niet gefit op deze data)")
        for style in order:
            idx = np.flatnonzero(styles == style)
            s = score([data.labels[i] for i in idx], [results[i] for i in idx])
            out["codebook"][style] = s.as_dict()
            print(_line(style, s))
        s = score([data.labels[i] for i in shared], [results[i] for i in shared])
        out["codebook"]["all"] = s.as_dict()
        print(_line("alles", s))
    fz = None
    for name in args.recipes.split(","):
        recipe = RECIPES[name]
        if any(d not in CHEAP_SOURCES for d in recipe.dense) and fz is None:
            fz = featuriser("use")
        t0 = time.perf_counter()
        out[name] = {"recipe": recipe.__dict__, "cross_style": {}}
        print(f"\n{name}: {recipe}")
        print(" kruis-stijl (getraind op de andere stijlen):")
        for style, (train, test) in corpus.cross_style_splits(data.styles).items():
            decided = cross_validated(
                data.texts, data.labels, recipe, [(train, test)], featuriser=fz
            )
            s = score([data.labels[i] for i in test], _results([decided[i] for i in test]))
            out[name]["cross_style"][style] = s.as_dict()
            print(_line(style, s))
        macro = np.mean([out[name]["cross_style"][st]["macro_f1"] for st in order])
        out[name]["cross_style_mean_macro_f1"] = float(macro)
        print(f"  gemiddelde macro-F1 over de stijlen {macro:.3f}")
        decided = cross_validated(
            data.texts, data.labels, recipe, corpus.folds(data.styles, 5, 42), featuriser=fz
        )
        results = dict(zip(shared, _results([decided[i] for i in shared]), strict=True))
        s = score([data.labels[i] for i in shared], [results[i] for i in shared])
        out[name]["cv"] = s.as_dict()
        out[name]["cv_per_style"] = {}
        print(" 5-voudig kruisgevalideerd, hele corpus:")
        print(_line("alles", s))
        for style in order:
            idx = np.flatnonzero(styles == style)
            st = score([data.labels[i] for i in idx], [results[i] for i in idx])
            out[name]["cv_per_style"][style] = st.as_dict()
            print(_line(f"  {style}", st))
        model = fit(data.texts, data.labels, recipe, version="eval", featuriser=fz)
        kept = sum(
            kind == "klacht" for _, kind in model.decide(model.probabilities(held_out), held_out)
        )
        out[name]["own_complaints_kept"] = [kept, len(held_out)]
        print(f" eigen klachtbrieven (niet getraind) als klacht gezien: {kept}/{len(held_out)}")
        decided = model.decide(model.probabilities(test_texts), test_texts)
        s = score(test_labels, _results(decided))
        out[name]["test_letters"] = s.as_dict()
        lost = sum(bool(t) and not d[0] for t, d in zip(test_labels, decided, strict=True))
        out[name]["test_letters"]["complaints_lost"] = lost
        print(_line("testbrieven", s) + f"  klachten gemist {lost}  (tests/corpus, niet getraind)")
        print(f"  ({time.perf_counter() - t0:.0f} s)")
        sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
