"""Annotated text written by hand: ``[[span]]`` or ``[[span|LABEL]]`` inline.

The regression cases (``tests/anonymise/cases``) and our own annotated letters
(``tests/anonymise/letters``) are written this way because offsets typed by hand go wrong;
this turns them into plain text plus spans, the format of the development set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"\[\[(.+?)(?:\|([A-Z]+))?\]\]", re.DOTALL)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    text: str


def parse(marked: str, default_label: str = "") -> tuple[str, list[Span]]:
    """Plain text and its spans; a mark without ``|LABEL`` gets ``default_label``."""
    spans: list[Span] = []
    out: list[str] = []
    length = 0
    pos = 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        inner = m.group(1)
        label = m.group(2) or default_label
        if not label:
            raise ValueError(f"span without label at offset {m.start()}")
        spans.append(Span(length, length + len(inner), label, inner))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def as_row(doc_id: str, marked: str) -> dict:
    """A letter in the development set's format: {"id", "text", "pii": [...]}."""
    text, spans = parse(marked)
    return {
        "id": doc_id,
        "text": text,
        "pii": [{"start": s.start, "end": s.end, "label": s.label, "text": s.text} for s in spans],
    }
