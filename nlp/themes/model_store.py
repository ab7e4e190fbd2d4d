"""Trained theme models on disk, and which one the pipeline uses.

``<models_dir>/<version>.joblib`` holds the fitted model (a ``BaseModel`` fitted by
``rodedraad train``; older stores hold a ``TrainedModel`` head), ``<version>.json`` its
cross-validated figures, and ``active.json`` names the model in use. A new model becomes active
only when its cross-validated macro-F1 on the staff labels beats both the model in use before
(its baseline, scored on the same labels it never saw) and the figure the active model had when
it was accepted. The folder sits inside the private data folder: joblib files are
pickles and are only ever read from there.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import joblib

from nlp.themes.base import BaseModel
from nlp.themes.features import Featuriser
from nlp.themes.models import TrainedModel

ACTIVE = "active.json"


@dataclass(frozen=True)
class Decision:
    activated: bool
    reason: str  # Dutch, for the CLI


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def active_metrics(models_dir: Path) -> dict | None:
    pointer = models_dir / ACTIVE
    if not pointer.is_file():
        return None
    version = json.loads(pointer.read_text(encoding="utf-8"))["version"]
    return json.loads((models_dir / f"{version}.json").read_text(encoding="utf-8"))


def save(models_dir: Path, model: TrainedModel | BaseModel) -> Decision:
    """Store the model and activate it if it beats what runs now."""
    models_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if isinstance(model, BaseModel):
        joblib.dump(model, models_dir / f"{model.version}.joblib", compress=3)
    else:
        joblib.dump(
            {"version": model.version, "encoder": model.encoder_name, "estimator": model.estimator},
            models_dir / f"{model.version}.joblib",
        )
    _write_atomic(models_dir / f"{model.version}.json", json.dumps(model.metrics, indent=2))
    new = model.metrics["cv"]["macro_f1"]
    base = model.metrics["baseline"]["macro_f1"]
    current = active_metrics(models_dir)
    before = _name(model.metrics["baseline"].get("version", ""))
    if new <= base:
        return Decision(
            False,
            f"niet in gebruik genomen: macro-F1 {new:.3f} is niet beter dan "
            f"{before} ({base:.3f}) op dezelfde labels",
        )
    if current is not None and new <= current["cv"]["macro_f1"]:
        return Decision(
            False,
            f"niet in gebruik genomen: macro-F1 {new:.3f} is niet beter dan "
            f"het huidige model {current['version']} "
            f"({current['cv']['macro_f1']:.3f})",
        )
    _write_atomic(models_dir / ACTIVE, json.dumps({"version": model.version}))
    return Decision(
        True,
        f"in gebruik genomen: macro-F1 {new:.3f} ({before} {base:.3f})",
    )


def _name(version: str) -> str:
    """Dutch name of the model a new one was measured against."""
    if version.startswith("base-"):
        return "het meegeleverde basismodel"
    if version.startswith("getraind-"):
        return f"het vorige model {version}"
    return "het codeboek"


def load_active(
    models_dir: Path, featuriser: Callable[[], Featuriser], threshold: float
) -> TrainedModel | BaseModel | None:
    """The active trained model, or None when there is none or it needs other embeddings than
    the ones configured now. ``featuriser`` is only called when the model needs it."""
    metrics = active_metrics(models_dir)
    if metrics is None:
        return None
    stored = joblib.load(models_dir / f"{metrics['version']}.joblib")
    if isinstance(stored, BaseModel):
        stored.metrics = metrics
        if stored.needs_featuriser:
            fz = featuriser()
            if (fz.encoder.name if fz.encoder else None) != metrics.get("encoder"):
                return None
            stored.featuriser = fz
        return stored
    fz = featuriser()
    encoder = fz.encoder.name if fz.encoder else None
    if metrics.get("encoder") != encoder:
        return None
    return TrainedModel(
        fz, stored["estimator"], stored["version"], stored["encoder"], metrics, threshold
    )
