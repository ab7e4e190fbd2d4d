"""What ``rodedraad train`` fits on: a base corpus plus the office's own staff labels, the staff
labels weighing more.

The base corpus is a folder of labelled JSON Lines files (``{"text": ..., "themes": [...]}``,
other keys ignored; the format of the development data), read at training time and never copied
into the warehouse. A staff label weighs ``staff_weight`` base examples: with few labels the base
corpus carries the model, with many the office's own judgement takes over.

``fit`` is the one place the CLI calls to train. It fits the shipped model's recipe
(``base_training``) on the base corpus, the project's own texts and the staff labels, so a
trained model is the base model plus the office's judgement, never a weaker kind of model.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

from nlp.themes.base import BaseModel
from nlp.themes.base_training import SHIPPED_RECIPE, Recipe, cross_validated
from nlp.themes.base_training import fit as base_fit
from nlp.themes.metrics import score
from nlp.themes.models import CodebookModel, TrainedModel
from nlp.themes.training import TooFewLabels
from schemas.records import THEME_KEYS, ThemeResult

BASE = "basis"
STAFF = "medewerker"
OWN = "eigen"  # the project's own labelled texts, shipped in the package
MIN_STAFF_LABELS = 10
FOLDS = 5
ThemeModel = CodebookModel | TrainedModel | BaseModel


class BaseCorpusError(ValueError):
    """The base corpus folder cannot be used; the message is Dutch and names no text."""


@dataclass(frozen=True)
class Example:
    text: str
    themes: tuple[str, ...]
    weight: float
    source: str  # BASE | STAFF


def read_base_corpus(folder: Path) -> list[Example]:
    """Every labelled line of every ``*.jsonl`` file under ``folder`` (sorted, so the order and
    hence the cross-validation folds are the same on every machine)."""
    if not folder.is_dir():
        raise BaseCorpusError(f"basiscorpus {folder} is geen map")
    out: list[Example] = []
    for path in sorted(folder.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    text, themes = row["text"], tuple(row["themes"])
                except (json.JSONDecodeError, KeyError, TypeError):
                    raise BaseCorpusError(
                        f"basiscorpus {path.name} regel {n}: verwacht JSON met 'text' en 'themes'"
                    ) from None
                if not isinstance(text, str) or any(t not in THEME_KEYS for t in themes):
                    raise BaseCorpusError(
                        f"basiscorpus {path.name} regel {n}: onbekend thema of geen tekst"
                    )
                out.append(Example(text, themes, 1.0, BASE))
    if not out:
        raise BaseCorpusError(f"basiscorpus {folder} bevat geen gelabelde regels (*.jsonl)")
    return out


def training_set(
    base: Sequence[Example],
    staff: Sequence[tuple[str, Sequence[str]]],
    staff_weight: float,
) -> list[Example]:
    """The base examples followed by the staff labels ((anonymised text, themes)), each staff
    label with weight ``staff_weight``."""
    return [*base, *(Example(text, tuple(themes), staff_weight, STAFF) for text, themes in staff)]


def own_examples() -> list[Example]:
    """The project's own labelled texts shipped in the package (``nlp/themes/data``)."""
    from nlp.themes.corpus import OWN_DIR

    return [Example(e.text, e.themes, 1.0, OWN) for e in read_base_corpus(OWN_DIR)]


def fit(
    examples: Sequence[Example],
    baseline: ThemeModel,
    *,
    seed: int = 42,
    recipe: Recipe | None = None,
) -> BaseModel:
    """A model of the shipped model's recipe fitted on ``examples`` with their weights.

    Its figures are the staff labels' own: k-fold over the staff labels, with every base and own
    example in each training part, against ``baseline`` (the model in use, which never saw
    them) on the same labels. So the model is judged on the office's own complaints.
    """
    staff = np.array([i for i, e in enumerate(examples) if e.source == STAFF], dtype=int)
    if len(staff) < MIN_STAFF_LABELS:
        raise TooFewLabels(
            f"te weinig labels van medewerkers om te trainen: {len(staff)} "
            f"(minimaal {MIN_STAFF_LABELS})"
        )
    recipe = recipe or replace(SHIPPED_RECIPE, seed=seed)
    texts = [e.text for e in examples]
    labels = [list(e.themes) for e in examples]
    weights = np.array([e.weight for e in examples], dtype=float)
    others = np.array([i for i, e in enumerate(examples) if e.source != STAFF], dtype=int)
    folds = min(FOLDS, len(staff))
    splits = [
        (np.concatenate([others, staff[train]]), staff[test])
        for train, test in KFold(folds, shuffle=True, random_state=seed).split(staff)
    ]
    decided = cross_validated(texts, labels, recipe, splits, weights=weights)
    gold = [labels[i] for i in staff]
    cv = score(gold, [_result(decided[i]) for i in staff])
    base = score(gold, baseline.classify_many([texts[i] for i in staff]))
    digest = hashlib.sha256(
        json.dumps([texts, labels, weights.tolist()], ensure_ascii=False).encode()
    ).hexdigest()[:8]
    version = f"getraind-{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}-{digest}"
    model = base_fit(texts, labels, recipe, version=version, weights=weights)
    staff_weights = {e.weight for e in examples if e.source == STAFF}
    model.metrics = {
        "version": version,
        "created_at": datetime.now(UTC).isoformat(),
        "recipe": asdict(recipe),
        "n_labels": len(examples),
        "n_base": sum(e.source == BASE for e in examples),
        "n_own": sum(e.source == OWN for e in examples),
        "n_staff": len(staff),
        "staff_weight": max(staff_weights),
        "encoder": None,
        "seed": seed,
        "folds": folds,
        "scored_on": "staff",
        "cv": cv.as_dict(),
        "baseline": {"version": baseline.version, **base.as_dict()},
    }
    return model


def _result(decided: tuple[list[str], str] | None) -> ThemeResult:
    assert decided is not None  # every staff label is in one test part
    themes, kind = decided
    return ThemeResult({}, themes, themes[0] if themes else None, [], "cv", kind)
