"""Theme classification: six themes from the codebook, multi-label, with evidence sentences.

``load_model`` gives what the pipeline uses: the active model trained on staff labels when there
is one that fits the configured embeddings; otherwise the base model shipped in the package
(``nlp/themes/model``, fitted on the labelled corpus); otherwise, when that is missing or cannot
be loaded, the codebook model. It logs which one runs.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from nlp.embeddings import EmbeddingUnavailable, load_encoder
from nlp.themes import shipped
from nlp.themes.base import BaseModel
from nlp.themes.cues import Cues
from nlp.themes.features import Featuriser
from nlp.themes.model_store import active_metrics, load_active
from nlp.themes.models import CodebookModel, TrainedModel
from nlp.themes.prototypes import Prototypes

log = logging.getLogger(__name__)

__all__ = [
    "BaseModel",
    "CodebookModel",
    "ThemeModel",
    "TrainedModel",
    "codebook",
    "featuriser",
    "load_model",
]

ThemeModel = CodebookModel | TrainedModel | BaseModel


@functools.cache
def featuriser(embedding_model: str = "use") -> Featuriser:
    try:
        encoder = load_encoder(embedding_model)
    except EmbeddingUnavailable as exc:
        log.warning("zinsembeddings uit: %s; thema's op signaalwoorden alleen", exc)
        encoder = None
    return Featuriser(Cues(), Prototypes.build(encoder) if encoder else None)


def codebook(embedding_model: str = "use", threshold: float = 0.5) -> CodebookModel:
    return CodebookModel(featuriser(embedding_model), threshold)


def load_model(
    models_dir: Path | None, embedding_model: str = "use", threshold: float = 0.5
) -> ThemeModel:
    """The active staff model, else the shipped base model, else the codebook. The sentence
    encoder (seconds to load, hundreds of MB) is only loaded when the chosen model needs it."""
    model: ThemeModel | None = None
    if models_dir and active_metrics(models_dir) is not None:
        model = load_active(models_dir, lambda: featuriser(embedding_model), threshold)
    model = (
        model
        or shipped.load(lambda: featuriser(embedding_model))
        or CodebookModel(featuriser(embedding_model), threshold)
    )
    log.info("themamodel: %s", model.version)
    return model
