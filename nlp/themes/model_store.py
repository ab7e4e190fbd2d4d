"""Trained theme models on disk, and which one the pipeline uses.

``<models_dir>/<version>.joblib`` holds the fitted head, ``<version>.json`` its cross-validated
figures, and ``active.json`` names the model in use. A new model becomes active only when its
cross-validated macro-F1 beats both the codebook on the same labels and the figure the active
model had when it was accepted. The folder sits inside the private data folder: joblib files are
pickles and are only ever read from there.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import joblib

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


def save(models_dir: Path, model: TrainedModel) -> Decision:
    """Store the model and activate it if it beats what runs now."""
    models_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    joblib.dump(
        {"version": model.version, "encoder": model.encoder_name, "estimator": model.estimator},
        models_dir / f"{model.version}.joblib",
    )
    _write_atomic(models_dir / f"{model.version}.json", json.dumps(model.metrics, indent=2))
    new = model.metrics["cv"]["macro_f1"]
    base = model.metrics["baseline"]["macro_f1"]
    current = active_metrics(models_dir)
    if new <= base:
        return Decision(
            False,
            f"niet in gebruik genomen: macro-F1 {new:.3f} is niet beter dan "
            f"het codeboek ({base:.3f}) op dezelfde labels",
        )
    if current is not None and new <= current["cv"]["macro_f1"]:
        return Decision(
            False,
            f"niet in gebruik genomen: macro-F1 {new:.3f} is niet beter dan "
            f"het huidige model {current['version']} "
            f"({current['cv']['macro_f1']:.3f})",
        )
    _write_atomic(models_dir / ACTIVE, json.dumps({"version": model.version}))
    return Decision(True, f"in gebruik genomen: macro-F1 {new:.3f} (codeboek {base:.3f})")


def load_active(models_dir: Path, featuriser: Featuriser, threshold: float) -> TrainedModel | None:
    """The active trained model, or None when there is none or it was fitted on other
    embeddings than the ones configured now."""
    metrics = active_metrics(models_dir)
    if metrics is None:
        return None
    encoder = featuriser.encoder.name if featuriser.encoder else None
    if metrics.get("encoder") != encoder:
        return None
    stored = joblib.load(models_dir / f"{metrics['version']}.joblib")
    return TrainedModel(
        featuriser, stored["estimator"], stored["version"], stored["encoder"], metrics, threshold
    )
