"""Fits the base theme model on the labelled corpus in ../shared/data plus the project's own
labelled texts (nlp/themes/data) and writes it into the
package (nlp/themes/model/base-<version>.joblib + .json), with 5-fold cross-validated figures,
the sha256 of the data it saw, the library versions and the date. Fixed seeds: the same data
gives the same model.

    .venv/bin/python scripts/train_themes.py [--data ../shared/data] [--no-cv] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sklearn  # noqa: E402

from nlp.themes import corpus, featuriser, shipped  # noqa: E402
from nlp.themes.base import CHEAP_SOURCES  # noqa: E402
from nlp.themes.base_training import SHIPPED_RECIPE, cross_validated, fit  # noqa: E402
from nlp.themes.metrics import score  # noqa: E402
from schemas.records import ThemeResult  # noqa: E402

RECIPE = SHIPPED_RECIPE


def as_results(decided) -> list[ThemeResult]:
    return [
        ThemeResult({}, themes, themes[0] if themes else None, [], "cv", kind)
        for themes, kind in decided
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=shipped.SHIPPED_DIR)
    parser.add_argument("--no-cv", action="store_true", help="sla de kruisvalidatie over")
    args = parser.parse_args()
    absent = corpus.missing(args.data)
    if absent:
        print(f"ontbreekt in {args.data}: {', '.join(absent)}", file=sys.stderr)
        return 2
    data = corpus.read(args.data)
    fz = featuriser("use") if any(d not in CHEAP_SOURCES for d in RECIPE.dense) else None
    encoder = fz.encoder.name if fz and fz.encoder and "embeddings" in RECIPE.dense else None
    recipe_tag = hashlib.sha256(json.dumps(asdict(RECIPE), sort_keys=True).encode()).hexdigest()
    version = f"{shipped.PREFIX}{data.sha256[:8]}-{recipe_tag[:6]}"
    metrics: dict = {
        "version": version,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data_sha256": data.sha256,
        "n_documents": len(data.texts),
        "documents_per_style": data.counts,
        "recipe": asdict(RECIPE),
        "encoder": encoder,
        "sklearn": sklearn.__version__,
        "python": platform.python_version(),
    }
    if not args.no_cv:
        t0 = time.perf_counter()
        splits = corpus.folds(data.styles, 5, RECIPE.seed)
        decided = cross_validated(data.texts, data.labels, RECIPE, splits, featuriser=fz)
        shared = corpus.scored(data.styles)
        scores = score([data.labels[i] for i in shared], as_results([decided[i] for i in shared]))
        metrics["cv"] = {"folds": 5, "scored_on": "shared", **scores.as_dict()}
        print(
            f"5-voudig: macro-F1 {metrics['cv']['macro_f1']:.3f}, top-1 {metrics['cv']['top1']:.3f}"
            f" ({time.perf_counter() - t0:.0f} s)"
        )
    model = fit(data.texts, data.labels, RECIPE, version=version, featuriser=fz)
    model.metrics = metrics | {
        "thresholds": [round(float(t), 3) for t in model.thresholds],
        "complaint_threshold": model.complaint_threshold,
        "second_ratio": model.second_ratio,
    }
    path = shipped.save(model, args.out)
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
