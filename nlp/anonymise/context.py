"""What a recogniser gets to look at: the text, its spaCy doc and the shared lexicons."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from nlp.anonymise.lexicons import Lexicons
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


def entity(start: int, end: int, label: str, source: str, score: float = 1.0) -> Entity:
    return Entity(start=start, end=end, label=label, source=source, score=score)
