"""What ``rodedraad train`` fits on: a base corpus plus the office's own staff labels, the staff
labels weighing more.

The base corpus is a folder of labelled JSON Lines files (``{"text": ..., "themes": [...]}``,
other keys ignored; the format of the development data), read at training time and never copied
into the warehouse. A staff label weighs ``staff_weight`` base examples: with few labels the base
corpus carries the model, with many the office's own judgement takes over.

``fit`` is the one place the CLI calls to train: swap its body for another training function
(the shipped model's) and ``rodedraad train`` follows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nlp.themes.features import Featuriser
from nlp.themes.models import CodebookModel, TrainedModel
from nlp.themes.training import train
from schemas.records import THEME_KEYS

BASE = "basis"
STAFF = "medewerker"


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


def fit(
    featuriser: Featuriser,
    examples: Sequence[Example],
    baseline: CodebookModel | TrainedModel,
    *,
    seed: int = 42,
    threshold: float = 0.5,
) -> TrainedModel:
    """A theme model fitted on ``examples`` with their weights (cross-validated figures in its
    metrics, with how many base and staff examples it saw)."""
    feats = featuriser.featurise([e.text for e in examples])
    weights = [e.weight for e in examples]
    n_staff = sum(e.source == STAFF for e in examples)
    staff_weights = {e.weight for e in examples if e.source == STAFF}
    return train(
        featuriser,
        feats,
        [e.themes for e in examples],
        baseline,
        seed=seed,
        threshold=threshold,
        sample_weight=None if len(set(weights)) <= 1 else weights,
        extra_metrics={
            "n_base": len(examples) - n_staff,
            "n_staff": n_staff,
            "staff_weight": max(staff_weights) if staff_weights else None,
        },
    )
