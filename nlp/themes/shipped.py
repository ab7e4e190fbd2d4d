"""The base model shipped inside the package: ``nlp/themes/model/base-<version>.joblib`` plus
``base-<version>.json`` (its metrics, the sha256 of the data it saw, library versions).

The joblib file is a pickle written by ``scripts/train_themes.py`` and committed with the code;
it is only read from the package folder, never from user data. Any failure to load it is
logged (type only, no text) and the caller falls back to the codebook.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import joblib
import sklearn

from nlp.themes.base import BaseModel
from nlp.themes.features import Featuriser

log = logging.getLogger(__name__)

SHIPPED_DIR = Path(__file__).with_name("model")
PREFIX = "base-"


def artefact(models_dir: Path | None = None) -> Path | None:
    """The shipped artefact (the newest version when several are present)."""
    models_dir = models_dir or SHIPPED_DIR
    found = sorted(models_dir.glob(f"{PREFIX}*.joblib"))
    return found[-1] if found else None


def save(model: BaseModel, models_dir: Path | None = None) -> Path:
    """Write the artefact and its metrics; older base artefacts are removed."""
    models_dir = models_dir or SHIPPED_DIR
    models_dir.mkdir(parents=True, exist_ok=True)
    for old in [*models_dir.glob(f"{PREFIX}*.joblib"), *models_dir.glob(f"{PREFIX}*.json")]:
        old.unlink()
    path = models_dir / f"{model.version}.joblib"
    joblib.dump(model, path, compress=3)
    path.with_suffix(".json").write_text(
        json.dumps(model.metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def load(
    featuriser: Callable[[], Featuriser | None], models_dir: Path | None = None
) -> BaseModel | None:
    """The shipped base model, or None (logged) when it is missing or cannot be used.
    ``featuriser`` is only called when the model has heads that need it."""
    path = artefact(models_dir)
    if path is None:
        log.warning("geen meegeleverd basismodel gevonden; thema's met het codeboek")
        return None
    try:
        model = joblib.load(path)
        if not isinstance(model, BaseModel):
            raise TypeError(type(model).__name__)
    except Exception as exc:  # a damaged or incompatible artefact must not stop the pipeline
        log.warning(
            "meegeleverd basismodel %s niet te laden (%s); thema's met het codeboek",
            path.name,
            type(exc).__name__,
        )
        return None
    built_with = model.metrics.get("sklearn")
    if built_with and built_with != sklearn.__version__:
        log.warning(
            "basismodel gemaakt met scikit-learn %s, nu %s", built_with, sklearn.__version__
        )
    if model.needs_featuriser:
        fz = featuriser()
        encoder = fz.encoder.name if fz and fz.encoder else None
        needs_encoder = any(h.source == "embeddings" for h in model.dense)
        if fz is None or (needs_encoder and encoder != model.encoder_name):
            log.warning(
                "basismodel %s vraagt zinsembeddings %s; die zijn er niet: codeboek",
                model.version,
                model.encoder_name,
            )
            return None
        model.featuriser = fz
    return model
