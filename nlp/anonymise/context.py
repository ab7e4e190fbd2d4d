"""What a recogniser gets to look at: the text, its spaCy doc and the shared lexicons."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from nlp.anonymise.lexicons import Lexicons
from schemas.records import Entity


@dataclass
class Context:
    text: str
    doc: Doc
    lex: Lexicons
    # Character ranges of chain organisations: no recogniser may redact inside them.
    protected: list[tuple[int, int]] = field(default_factory=list)

    def is_protected(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.protected)


def entity(start: int, end: int, label: str, source: str, score: float = 1.0) -> Entity:
    return Entity(start=start, end=end, label=label, source=source, score=score)
