"""Words and names broken over line ends (text copied from a PDF), joined before recognition.

A recogniser looks at tokens, and a line break cuts a name in two: "van Lies-\\nhout",
"Tjon-A-\\nLoi", "mevr. A. van\\nLieshout", "Kerkweg-\\nOost 84". ``join`` returns the text with
those breaks closed and, for every character of it, the offset of that character in the
original, so spans found on the joined text map back onto the original exactly.
- a hyphen at a line end between letters: before a lowercase letter the word was hyphenated
  and is glued together ("Lies-\\nhout" → "Lieshout"); before a capital the hyphen is part of a
  double name or street and stays ("Tjon-A-\\nLoi" → "Tjon-A-Loi");
- a line that ends in a tussenvoegsel right after a capitalised word or an initial, with a
  capital on the next line: the tussenvoegsel cannot end a name, so the break is a space
  ("A. van\\nLieshout", "Demir-van 't\\nHof").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise import scan
from nlp.anonymise.lexicons import INTERFIXES
from schemas.records import Entity

# Tussenvoegsels that are no everyday preposition ("op", "in", "te", "het" are left out).
_NAME_INTERFIXES = INTERFIXES - {"op", "in", "'in", "te", "het"}

_UP = "A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃÇĞİ"
_INTERFIX = "|".join(re.escape(i) for i in sorted(_NAME_INTERFIXES, key=len, reverse=True))
# The hyphen first, then the letter before it (a look-behind over both): the engine can jump
# from hyphen to hyphen.
_HYPHEN_BREAK = re.compile(r"-(?<=[^\W\d_]-)[ \t]*\n[ \t]*(?=[^\W\d_])")
_INTERFIX_NEXT = re.compile(rf"(?:{_INTERFIX})[ \t]+[{_UP}']")
_INTERFIX_BREAK = re.compile(
    rf"(?:(?<![\w'’])[{_UP}][\w'’]*\.?|\b[{_UP}]\.)[ \t-]+(?i:(?:{_INTERFIX})[ \t]+)*"
    rf"(?i:{_INTERFIX})(?P<gap>[ \t]*\n[ \t]*)(?=[{_UP}])"
)
# A line end with a capital at the start of the next line: the only places a break can be.
_CAPITAL_NEXT = re.compile(rf"\n[ \t]*[{_UP}]")


def _interfix_breaks(text: str) -> Iterator[re.Match[str]]:
    """``_INTERFIX_BREAK.finditer(text)``: a match lies on the line before such a line end (up
    to the capital it looks at), so only those lines are searched."""
    windows = (
        (text.rfind("\n", 0, m.start()) + 1, m.start() - 1, m.end())
        for m in _CAPITAL_NEXT.finditer(text)
    )
    return scan.finditer(_INTERFIX_BREAK, text, windows)


def needed(text: str) -> bool:
    """Cheap test first: most texts have no line end after a hyphen or a tussenvoegsel."""
    return "\n" in text and (
        _HYPHEN_BREAK.search(text) is not None or next(_interfix_breaks(text), None) is not None
    )


def join(text: str) -> tuple[str, list[int]]:
    """The text with broken names closed, and the original offset of each of its characters
    (plus one entry for the end)."""
    cuts: list[tuple[int, int, str]] = []  # (start, end, replacement) in the original
    for m in _HYPHEN_BREAK.finditer(text):
        # "Demir-\nvan 't Hof": a tussenvoegsel after the hyphen starts the second surname.
        glued = text[m.end()].islower() and not _INTERFIX_NEXT.match(text, m.end())
        keep = "" if glued else "-"
        cuts.append((m.start(), m.end(), keep))
    for m in _interfix_breaks(text):
        cuts.append((m.start("gap"), m.end("gap"), " "))
    return apply_cuts(text, cuts)


def apply_cuts(text: str, cuts: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """``text`` with each (start, end, replacement) applied (an overlapping later cut is
    skipped), and the offset in ``text`` of every character of the result (plus one entry for
    the end), so spans found on the result map back with ``back``."""
    cuts = sorted(cuts)
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for start, end, keep in cuts:
        if start < pos:
            continue
        parts.append(text[pos:start])
        offsets.extend(range(pos, start))
        parts.append(keep)
        offsets.extend(range(start, start + len(keep)))  # a replacement: its first characters
        pos = end
    parts.append(text[pos:])
    offsets.extend(range(pos, len(text) + 1))
    return "".join(parts), offsets


def back(entities: list[Entity], offsets: list[int]) -> list[Entity]:
    """Spans found on the joined text, as spans of the original."""
    return [
        Entity(offsets[e.start], offsets[e.end - 1] + 1, e.label, e.source, e.score)
        for e in entities
    ]
