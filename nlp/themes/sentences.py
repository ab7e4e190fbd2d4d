"""Sentence splitting of anonymised text for evidence: paragraphs first, then spaCy's
rule-based sentencizer (cheap, and the same on every machine).

Placeholders such as ``[PERSOON-1]`` are opaque to the splitter: the sentencizer treats ``[`` as
punctuation that closes the previous sentence, which used to cut "[" off a placeholder
("gezegd. [" + "PERSOON-2] belde"). Each placeholder is swapped for a plain word while
splitting and put back afterwards, so a boundary can never fall inside one.
"""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language

from schemas.entities import PLACEHOLDER

_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[-•*]\s)")
# The anonymiser's placeholders: an upper-case label, optionally numbered ("[PERSOON-2]").
# A stand-in word spaCy keeps whole and that real text does not contain.
_STAND_IN = "Xplaceholderx{}x"
_STAND_IN_RE = re.compile(r"Xplaceholderx(\d+)x")


@functools.cache
def _splitter() -> Language:
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


def _mask(paragraph: str, table: list[str]) -> str:
    def swap(m: re.Match[str]) -> str:
        table.append(m.group(0))
        return _STAND_IN.format(len(table) - 1)

    return PLACEHOLDER.sub(swap, paragraph)


def split(text: str) -> list[str]:
    paragraphs = [" ".join(p.split()) for p in _PARAGRAPH.split(text)]
    table: list[str] = []
    masked = [_mask(p, table) for p in paragraphs if p]
    out: list[str] = []
    for doc in _splitter().pipe(masked, batch_size=256):  # one call, not one per paragraph
        for s in doc.sents:
            sentence = s.text.strip()
            if sentence:
                out.append(_STAND_IN_RE.sub(lambda m: table[int(m.group(1))], sentence))
    return out
