"""The theme use cases that learn from staff: train a model on the base corpus plus staff labels
(staff labels weigh more), and re-score stored complaints with the active model. The caller opens
the warehouse as its single writer (``rodedraad.cli_common.warehouse_writer``) and says what
happened; nothing here prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from application import components
from schemas.settings import Settings

_CHUNK = 256


@dataclass(frozen=True)
class Trained:
    model: Any  # nlp.themes.base.BaseModel, fitted with the staff labels
    decision: Any  # nlp.themes.model_store.Decision: activated or not, and why
    n_labels: int
    n_base: int
    basis: str  # the model the new one is fitted beside (its description)
    active: str  # the version active after training


def read_base(s: Settings, folder: Path | None) -> list:
    """The base corpus (labelled JSON lines) from ``folder`` or the settings; [] when none.
    Raises ``nlp.themes.staff.BaseCorpusError`` with a Dutch reason."""
    from nlp.themes.staff import read_base_corpus

    folder = folder or s.theme_base_corpus
    return read_base_corpus(folder) if folder else []


TRAIN_STEPS = 3  # read labels and the model in use; fit and cross-validate; store


def train(
    s: Settings,
    con: duckdb.DuckDBPyConnection,
    base: list,
    progress: Callable[[int, int], None] | None = None,
) -> Trained:
    """Fit the shipped model's recipe on the base corpus, the project's own texts and the staff
    labels; cross-validate on the staff labels against the model in use; store, and activate when
    better. Raises ``nlp.themes.training.TooFewLabels`` when there are too few staff labels.
    ``progress`` hears the steps done out of ``TRAIN_STEPS`` (fitting is one long step)."""
    from nlp.themes.model_store import save
    from nlp.themes.staff import fit, own_examples, training_set
    from warehouse.labels import labelled
    from warehouse.models import record_model

    step = progress or (lambda done, total: None)
    step(0, TRAIN_STEPS)
    rows = labelled(con)
    in_use = components.theme_model(components.worker_config(s))
    examples = training_set(
        [*base, *own_examples()], [(t, th) for _, t, th in rows], s.staff_label_weight
    )
    step(1, TRAIN_STEPS)
    model = fit(examples, in_use, seed=s.topics_seed)
    step(2, TRAIN_STEPS)
    decision = save(s.theme_models_dir, model)
    record_model(con, model.metrics, decision.activated)
    active = components.theme_model(components.worker_config(s))
    step(3, TRAIN_STEPS)
    return Trained(model, decision, len(rows), len(base), in_use.describe(), active.version)


def reclassify(
    s: Settings,
    con: duckdb.DuckDBPyConnection,
    everything: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[str, int]:
    """Re-score stored complaints with the active model (those it has not scored, or all);
    a document a person labelled keeps that label. Returns (model description, count)."""
    from warehouse.reclassify import replace_themes, stale

    model = components.theme_model(components.worker_config(s))
    todo = stale(con, model.scoring_version, everything)
    for start in range(0, len(todo), _CHUNK):
        if progress:
            progress(start, len(todo))
        chunk = todo[start : start + _CHUNK]
        results = model.classify_many([text for _, text in chunk])
        replace_themes(
            con, [(doc_id, r) for (doc_id, _), r in zip(chunk, results, strict=True)], s.min_words
        )
    if progress and todo:
        progress(len(todo), len(todo))
    return model.describe(), len(todo)
