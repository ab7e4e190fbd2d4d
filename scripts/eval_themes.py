"""Scores the theme models on ../shared/data (snippets and letters), read at run time.

Per component and combined: per-theme precision, recall and F1, macro-F1, primary-theme top-1,
and the documents without a theme. Texts are anonymised first, as in the pipeline.

- codebook components are not fitted on this data: their figures are held-out figures;
- the trained head is fitted on this data, so only cross-validated figures are shown (5-fold),
  plus one truly held-out figure: fitted on the snippets, scored on the letters.

    .venv/bin/python scripts/eval_themes.py [--shared ../shared] [--encoders use,e5] [--json F]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.anonymise import Anonymiser  # noqa: E402
from nlp.embeddings import load_encoder  # noqa: E402
from nlp.pipeline import load  # noqa: E402
from nlp.themes.cues import Cues  # noqa: E402
from nlp.themes.features import Featuriser  # noqa: E402
from nlp.themes.metrics import score, table  # noqa: E402
from nlp.themes.models import CodebookModel  # noqa: E402
from nlp.themes.prototypes import Prototypes  # noqa: E402
from nlp.themes.training import train  # noqa: E402


def _read(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _embeddings_only(feats):
    return [dataclasses.replace(f, cue=np.zeros_like(f.cue)) for f in feats]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--encoders", default="use,e5")
    parser.add_argument("--json", type=Path, help="schrijf alle cijfers ook als JSON")
    args = parser.parse_args()
    sets = {}
    for name in ("dev_snippets", "dev_letters"):
        path = args.shared / "data" / f"{name}.jsonl"
        if not path.is_file():
            print(f"{path} ontbreekt", file=sys.stderr)
            return 2
        sets[name] = _read(path)
    anonymiser = Anonymiser(load())
    texts = {
        n: [a.text for _, a in anonymiser.pipe(r["text"] for r in rows)] for n, rows in sets.items()
    }
    gold = {n: [r["themes"] for r in rows] for n, rows in sets.items()}
    out: dict[str, dict] = {}

    def report(component: str, name: str, results) -> None:
        s = score(gold[name], results)
        out.setdefault(component, {})[name] = s.as_dict()
        print(table(f"{component} — {name} ({len(results)} documenten)", s))

    cues = Cues()
    plain = Featuriser(cues, None)
    for name in sets:
        report("signaalwoorden", name, CodebookModel(plain).classify_many(texts[name]))
    for enc_name in [e for e in args.encoders.split(",") if e]:
        encoder = load_encoder(enc_name)
        fz = Featuriser(cues, Prototypes.build(encoder))
        model = CodebookModel(fz)
        feats = {}
        for name in sets:
            t0 = time.perf_counter()
            feats[name] = fz.featurise(texts[name])
            words = sum(len(t.split()) for t in texts[name])
            dt = time.perf_counter() - t0
            print(f"\n[{encoder.name}] {name}: {words / dt:,.0f} woorden/s voor kenmerken")
            emb_only = CodebookModel(Featuriser(Cues(), fz.prototypes))
            report(
                f"embeddings {encoder.name}",
                name,
                emb_only.classify_features(_embeddings_only(feats[name])),
            )
            report(
                f"codeboek (signaalwoorden + {encoder.name})",
                name,
                model.classify_features(feats[name]),
            )
        for name in sets:
            trained = train(fz, feats[name], gold[name], model)
            out.setdefault(f"getraind {encoder.name} (5-voudig kruisgevalideerd)", {})[name] = (
                trained.metrics["cv"]
            )
            cv = trained.metrics["cv"]
            print(
                f"\ngetraind {encoder.name} — {name}, 5-voudig kruisgevalideerd: "
                f"macro-F1 {cv['macro_f1']:.3f} top-1 {cv['top1']:.3f} "
                f"zonder thema goed {cv['none_correct']}/{cv['n_without_theme']}"
            )
            print(
                "  F1 per thema: "
                + ", ".join(f"{k} {v['f1']:.2f}" for k, v in cv["per_theme"].items())
            )
        head = train(fz, feats["dev_snippets"], gold["dev_snippets"], model)
        report(
            f"getraind {encoder.name} op snippets, getoetst op brieven",
            "dev_letters",
            head.classify_features(feats["dev_letters"]),
        )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
