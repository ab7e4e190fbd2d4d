"""The spaCy pipeline: ``nl_core_news_lg`` when installed, else a rule-based Dutch pipeline.

Loaded once per process. ``describe()`` says plainly which one runs; the run summary and the
``runs`` table record it.
"""

from __future__ import annotations

import functools
import logging
import warnings
from dataclasses import dataclass

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


def _offline() -> Language:
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


def expected_name(model: str = "nl_core_news_lg") -> str:
    """The name ``load`` gives the pipeline, without loading it."""
    if model and spacy.util.is_package(model):
        return f"{model}-{spacy.util.get_package_version(model) or '?'}"
    return OFFLINE_NAME


@functools.cache
def load(model: str = "nl_core_news_lg") -> LoadedPipeline:
    if model and spacy.util.is_package(model):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nlp = spacy.load(model, exclude=["parser"])
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        nlp.max_length = 5_000_000
        return LoadedPipeline(nlp, expected_name(model), statistical=True)
    if model:
        log.info("spaCy model %s not installed; using the offline rule-based pipeline", model)
    return LoadedPipeline(_offline(), OFFLINE_NAME, statistical=False)
