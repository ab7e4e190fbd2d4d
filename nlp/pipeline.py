"""The spaCy pipeline: ``nl_core_news_lg`` when installed, else a rule-based Dutch pipeline.

``spacy_model`` names an installed package (``nl_core_news_lg``) or a folder holding a pipeline
saved with ``nlp.to_disk`` (a ``config.cfg`` inside): an office's own fine-tuned pipeline, or a
copy of the model on a machine without internet. Either is a statistical pipeline and takes the
same code path. Loaded once per process. ``describe()`` says plainly which one runs; the run
summary and the ``runs`` table record it (a saved pipeline by its meta name, never its path).
"""

from __future__ import annotations

import functools
import json
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)

OFFLINE_NAME = "blank-nl-regels"


@dataclass(frozen=True)
class LoadedPipeline:
    nlp: Language
    name: str  # e.g. "nl_core_news_lg-3.8.0" or "blank-nl-regels"
    statistical: bool

    def describe(self) -> str:
        if self.statistical:
            return f"{self.name} (statistisch spaCy-model)"
        return (
            f"{self.name} (spaCy blank('nl') met zinsgrenzen, lemma-tabel, patronen en "
            "naamlijsten; nl_core_news_lg is niet geïnstalleerd)"
        )


def rule_based() -> Language:
    """spaCy's blank Dutch pipeline with sentences and lookup lemmas: the same on every
    machine (the anonymiser's fallback, and the topics' lemmatiser)."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except (ValueError, OSError, ImportError):  # spacy-lookups-data missing: no lemmas
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")
    nlp.max_length = 5_000_000
    return nlp


def saved_pipeline(model: str) -> Path | None:
    """The folder ``model`` names when it holds a saved spaCy pipeline, else None."""
    if not model:
        return None
    path = Path(model).expanduser()
    try:
        return path if (path / "config.cfg").is_file() else None
    except OSError:  # a name too long to be a path, or an unreadable folder
        return None


def available(model: str) -> bool:
    """Whether ``model`` can be loaded as a statistical pipeline: an installed package or a
    saved pipeline folder."""
    return bool(model) and (spacy.util.is_package(model) or saved_pipeline(model) is not None)


def _saved_name(path: Path) -> str:
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '?')}"


def expected_name(model: str = "nl_core_news_lg") -> str:
    """The name ``load`` gives the pipeline, without loading it."""
    if model and spacy.util.is_package(model):
        return f"{model}-{spacy.util.get_package_version(model) or '?'}"
    path = saved_pipeline(model)
    if path is not None:
        return _saved_name(path)
    return OFFLINE_NAME


@functools.cache
def load(model: str = "nl_core_news_lg") -> LoadedPipeline:
    if available(model):
        source: str | Path = saved_pipeline(model) or model
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nlp = spacy.load(source, exclude=["parser"])
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        nlp.max_length = 5_000_000
        return LoadedPipeline(nlp, expected_name(model), statistical=True)
    if model:
        log.info("spaCy model not installed; using the offline rule-based pipeline")
    return LoadedPipeline(rule_based(), OFFLINE_NAME, statistical=False)
