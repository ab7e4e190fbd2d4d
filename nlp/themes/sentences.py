"""Sentence splitting of anonymised text for evidence: paragraphs first, then spaCy's
rule-based sentencizer (cheap, and the same on every machine)."""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language

_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[-•*]\s)")


@functools.cache
def _splitter() -> Language:
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


def split(text: str) -> list[str]:
    paragraphs = [" ".join(p.split()) for p in _PARAGRAPH.split(text)]
    paragraphs = [p for p in paragraphs if p]
    out: list[str] = []
    for doc in _splitter().pipe(paragraphs, batch_size=256):  # one call, not one per paragraph
        out.extend(s.text.strip() for s in doc.sents if s.text.strip())
    return out
