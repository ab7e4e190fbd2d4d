"""What a recogniser gets to look at: the text, its spaCy doc and the shared lexicons."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from nlp.anonymise.lexicons import Lexicons
from schemas.records import Entity


@dataclass
class Context:
    text: str
    doc: Doc
    lex: Lexicons
    # Character ranges of chain organisations: no recogniser may redact inside them.
    protected: list[tuple[int, int]] = field(default_factory=list)
    has_ner: bool = False  # the spaCy pipeline has a statistical NER component

    @cached_property
    def tokens(self) -> list[Token]:
        """The doc's tokens, made once (building spaCy Token objects is not free)."""
        return list(self.doc)

    def is_protected(self, start: int, end: int) -> bool:
        # protected spans are sorted and disjoint: look only at the one starting before `end`
        i = bisect.bisect_left(self.protected, (end, end)) - 1
        return i >= 0 and self.protected[i][1] > start


def entity(start: int, end: int, label: str, source: str, score: float = 1.0) -> Entity:
    return Entity(start=start, end=end, label=label, source=source, score=score)
