"""Limits checked before the expensive work, so that one huge document cannot take the run's
memory or time: text length (spaCy's and the anonymiser's cost grow with it), pages (pypdf reads
every page) and, for zip-based formats, the inflated size (``zip_guard``)."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.extract.errors import ExtractionError

DEFAULT_MAX_TEXT_CHARS = 500_000  # ~75,000 words, ~150 pages of letter text
DEFAULT_MAX_PAGES = 500


@dataclass(frozen=True)
class Limits:
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_pages: int = DEFAULT_MAX_PAGES


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Dutch thousands separator


def too_long(limit: int) -> ExtractionError:
    return ExtractionError(
        "te_lang",
        f"tekst langer dan {_number(limit)} tekens; splits het document of verhoog max_text_chars",
    )


def too_many_pages(limit: int) -> ExtractionError:
    return ExtractionError(
        "te_veel_paginas",
        f"meer dan {_number(limit)} pagina's; splits het document of verhoog max_pages",
    )


def check_text(text: str, limits: Limits) -> None:
    if len(text) > limits.max_text_chars:
        raise too_long(limits.max_text_chars)
