"""Evidence sentences marked in a complaint's anonymised text.

Text from PDFs and scans keeps the hard line breaks of the page inside sentences, while an
evidence sentence is stored as one line; a sentence is therefore found on whitespace-normalised
text (any run of spaces and line breaks matches any other), and the text keeps its own breaks.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping


def _pattern(sentence: str) -> re.Pattern[str] | None:
    words = sentence.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def spans(text: str, evidence: Iterable[tuple[str, str]]) -> list[tuple[int, int, list[str]]]:
    """(start, end, themes) of each evidence sentence found in ``text``, in text order; a
    sentence that is evidence for several themes is one span; overlapping spans are dropped."""
    found: dict[tuple[int, int], list[str]] = {}
    for theme, sentence in evidence:
        pattern = _pattern(sentence)
        match = pattern.search(text) if pattern else None
        if match is None:
            continue
        themes = found.setdefault((match.start(), match.end()), [])
        if theme not in themes:
            themes.append(theme)
    out: list[tuple[int, int, list[str]]] = []
    for (start, end), themes in sorted(found.items()):
        if out and start < out[-1][1]:
            continue
        out.append((start, end, themes))
    return out


def marked_html(
    text: str, evidence: Iterable[tuple[str, str]], labels: Mapping[str, str]
) -> tuple[str, int]:
    """``text`` as HTML with each evidence sentence in a ``<mark>`` whose title names its
    themes, and the number of sentences marked."""
    parts, at = [], 0
    found = spans(text, evidence)
    for start, end, themes in found:
        title = html.escape(", ".join(labels.get(t, t) for t in themes))
        parts.append(html.escape(text[at:start]))
        parts.append(f'<mark title="{title}">{html.escape(text[start:end])}</mark>')
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts), len(found)
