"""Complaint or not: the kind a document is stored with (``documents.kind``).

Only complaints count as klachten in views, reports and the dashboard. A document is
``geen klacht`` when

- it is shorter than ``min_words`` words (an empty form, a one-byte file, "zie bijlage"): too
  short to be a complaint whatever a model makes of it;
- it is written in another language than Dutch (``nlp.language``): the theme model reads Dutch,
  so its themes would be guesses; the document waits for a person (``andere taal``), whose
  label then decides;
- the theme model says so (``ThemeResult.kind``); or
- no theme was assigned. This last rule stands in for a model that decides complaint-or-not
  itself; it is the one line to drop once every model sets ``kind``.

A ``geen klacht`` document never carries a theme: its assigned themes, primary theme and
evidence are cleared (the scores are kept, for whoever wants to check the decision).
"""

from __future__ import annotations

from dataclasses import replace

from nlp.language import is_other_language
from schemas.records import ThemeResult
from schemas.settings import DEFAULT_MIN_WORDS
from schemas.vocabulary import DocumentKind


def too_short(n_words: int, min_words: int = DEFAULT_MIN_WORDS) -> bool:
    return n_words < min_words


def document_kind(
    result: ThemeResult,
    n_words: int,
    min_words: int = DEFAULT_MIN_WORDS,
    language: str | None = None,
) -> DocumentKind:
    if too_short(n_words, min_words) or is_other_language(language):
        return DocumentKind.GEEN_KLACHT
    if result.kind == DocumentKind.GEEN_KLACHT:
        return DocumentKind.GEEN_KLACHT
    if not result.assigned:  # derived until the model decides complaint-or-not itself
        return DocumentKind.GEEN_KLACHT
    return DocumentKind.KLACHT


def settle(
    result: ThemeResult,
    n_words: int,
    min_words: int = DEFAULT_MIN_WORDS,
    language: str | None = None,
) -> ThemeResult:
    """``result`` with its kind decided; a non-complaint loses its themes."""
    kind = document_kind(result, n_words, min_words, language)
    if kind == DocumentKind.KLACHT:
        return replace(result, kind=DocumentKind.KLACHT)
    return replace(result, assigned=[], primary=None, evidence=[], kind=DocumentKind.GEEN_KLACHT)
