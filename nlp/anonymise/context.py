"""What a recogniser gets to look at: the text, its spaCy doc and the shared lexicons."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from nlp.anonymise.lexicons import Lexicons
from nlp.anonymise.ocr_digits import shadow
from schemas.records import Entity


@dataclass
class Context:
    text: str
    doc: Doc
    lex: Lexicons
    has_ner: bool = False  # the spaCy pipeline has a statistical NER component

    @cached_property
    def tokens(self) -> list[Token]:
        """The doc's tokens, made once (building spaCy Token objects is not free)."""
        return list(self.doc)

    @cached_property
    def numeric_texts(self) -> tuple[str, ...]:
        """What the numeric recognisers scan: the text, and its shadow with OCR's digit
        look-alikes read as digits when that differs (same length: spans map 1:1)."""
        digits = shadow(self.text)
        return (self.text,) if digits is self.text else (self.text, digits)

    def numeric_matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[str, re.Match[str]]]:
        """Matches of ``pattern`` in ``numeric_texts``, each span once (the plain text's match
        first), with the text it was found in."""
        seen: set[tuple[int, int]] = set()
        for text in self.numeric_texts:
            for m in pattern.finditer(text):
                if m.span() not in seen:
                    seen.add(m.span())
                    yield text, m


def entity(start: int, end: int, label: str, source: str, score: float = 1.0) -> Entity:
    return Entity(start=start, end=end, label=label, source=source, score=score)
