"""A shadow of the text for the numeric recognisers, with OCR's digit look-alikes read back
as digits ("O547-26 l9 83" -> "0547-26 19 83", "O4-O6-2O1l" -> "04-06-2011").

Scanners read 0 as O or o and 1 as l, I or |. Inside a token that holds at least one real
digit and otherwise only look-alikes, every look-alike becomes its digit; S and B only between
two digits (they are common capitals in codes). A token is a run of letters, digits and ``|``
joined by single - / . or :, so "O7-ll-2Ol9" is one token and its "ll" is read as "11". The
shadow has the same length as the text, so a span found in it is the same span in the text.
Words without a digit are never touched.
"""

from __future__ import annotations

import re

_ALWAYS = str.maketrans("OoIl|", "00111")
_BETWEEN = {"S": "5", "B": "8"}
_LOOKS = frozenset("OoIl|SB-/.:")
# A look-alike touching a digit (or a separator next to one): most texts have none.
_ROMAN = re.compile(r"(?:^|[-/.:])I{1,3}(?:$|[-/.:])")
_HINT = re.compile(r"\d[-/.:]?[OoIl|SB]|[OoIl|SB][-/.:]?\d")


def shadow(text: str) -> str:
    """The text with look-alikes in digit tokens made digits; ``text`` itself when none."""
    out: list[str] | None = None
    done = -1
    for hint in _HINT.finditer(text):  # most texts have no hint at all: C speed
        if hint.start() < done:
            continue
        start, end = token_around(text, hint.start(), hint.end())
        done = end
        fixed = _fixed(text[start:end])
        if fixed is not None:
            if out is None:
                out = list(text)
            out[start:end] = fixed
    return text if out is None else "".join(out)


def token_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the token (letters, digits, "|" joined by single - / . :) holding
    ``text[start:end]``."""
    while start > 0 and (_part(text[start - 1]) or _joint(text, start - 1)):
        start -= 1
    while end < len(text) and (_part(text[end]) or _joint(text, end)):
        end += 1
    return start, end


def _part(ch: str) -> bool:
    return ch == "|" or (ch.isalnum() and ch != "_")


def _joint(text: str, i: int) -> bool:
    """A separator between two token characters."""
    return text[i] in "-/.:" and 0 < i < len(text) - 1 and _part(text[i - 1]) and _part(text[i + 1])


def _fixed(tok: str) -> list[str] | None:
    if not any(ch.isdigit() for ch in tok) or not all(ch.isdigit() or ch in _LOOKS for ch in tok):
        return None
    if _ROMAN.search(tok):
        return None  # "312-III": a house number with a floor in Roman numerals
    fixed = list(tok.translate(_ALWAYS))
    for i, ch in enumerate(tok):
        if ch in _BETWEEN:
            if not (0 < i < len(tok) - 1 and fixed[i - 1].isdigit() and fixed[i + 1].isdigit()):
                return None
            fixed[i] = _BETWEEN[ch]
    return None if fixed == list(tok) else fixed
