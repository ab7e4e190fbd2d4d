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
# Letters, digits and "|" (an OCR'd 1), joined by separators inside numbers.
_TOKEN = re.compile(r"(?:[^\W_]|\|)+(?:[-/.:](?:[^\W_]|\|)+)*")
_LOOKS = frozenset("OoIl|SB-/.:")


def shadow(text: str) -> str:
    """The text with look-alikes in digit tokens made digits; ``text`` itself when none."""
    out: list[str] | None = None
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if (
            tok.isdigit()
            or not any(ch.isdigit() for ch in tok)
            or not all(ch.isdigit() or ch in _LOOKS for ch in tok)
        ):
            continue
        fixed = list(tok.translate(_ALWAYS))
        for i, ch in enumerate(tok):
            if ch in _BETWEEN:
                if 0 < i < len(tok) - 1 and fixed[i - 1].isdigit() and fixed[i + 1].isdigit():
                    fixed[i] = _BETWEEN[ch]
                else:
                    break
        else:
            if out is None:
                out = list(text)
            out[m.start() : m.end()] = fixed
    return text if out is None else "".join(out)
