"""The CLI's JSON line formats, which other tools rely on. Do not change them lightly.

input:            {"id": str, "text": str}
anonymise output: {"id": str, "text": str, "entities": [{"start": int, "end": int, "label": str}],
                   "controle_nodig": bool, "redenen": [str]}
                  (controle_nodig: the residual check found possible leftovers in "text", the
                  codes in "redenen"; such a text is what the inbox marks 'controle nodig')
classify output:  {"id": str, "themes": [str], "scores": {theme: float for all six},
                   "kind": "klacht" | "geen klacht"}
                  (kind decided as for a file in the inbox: too short, another language than
                  Dutch or no complaint by the model's gate means "geen klacht" and no themes)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from schemas.records import THEME_KEYS, AnonymisedText, ThemeResult


class JsonlError(ValueError):
    """A malformed input line; the message names the line number, never its content."""


def read_inputs(stream: IO[str]) -> Iterator[tuple[str, str]]:
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise JsonlError(f"regel {lineno}: geen geldige JSON") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise JsonlError(f'regel {lineno}: verwacht {{"id": str, "text": str}}')
        yield str(obj.get("id", lineno)), obj["text"]


def anonymise_line(doc_id: str, result: AnonymisedText) -> dict[str, Any]:
    return {
        "id": doc_id,
        "text": result.text,
        "entities": [
            {"start": e.start, "end": e.end, "label": str(e.label)} for e in result.entities
        ],
        "controle_nodig": bool(result.residual_flags),
        "redenen": list(result.residual_flags),
    }


def classify_line(doc_id: str, result: ThemeResult) -> dict[str, Any]:
    return {
        "id": doc_id,
        "themes": list(result.assigned),
        "scores": {k: round(float(result.scores.get(k, 0.0)), 4) for k in THEME_KEYS},
        "kind": str(result.kind),
    }


@contextmanager
def open_in(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdin
    else:
        with Path(path).open(encoding="utf-8") as fh:
            yield fh


@contextmanager
def open_out(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
    else:
        with Path(path).open("w", encoding="utf-8") as fh:
            yield fh


def write_line(stream: IO[str], obj: dict[str, Any]) -> None:
    stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
