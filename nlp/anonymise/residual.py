"""Second pass over the anonymised text: look for what should not be there any more.

A hit does not change the text; it marks the document ``controle nodig`` so that a person looks
before any quote from it is shown. Flags name the kind of leftover, never its text.
"""

from __future__ import annotations

import re

from nlp.anonymise.lexicons import Lexicons

_PLACEHOLDER = re.compile(r"\[[A-Z]+(?:-\d+)?\]")
_DIGITS = re.compile(r"\d(?:[\s.\-/]?\d){6,}")
_AT = re.compile(r"\w@\w|(?<!\w)@\w{2,}")
_TITLE_NAME = re.compile(
    r"\b(?:mevrouw|mevr\.|mw\.|meneer|dhr\.|de heer|juf|meester)\s+(?!\[)([A-Z][\w'’-]+)"
)
_CAP_WORD = re.compile(r"(?<=[a-z,;]\s)([A-Z][a-zà-ÿ'’]{2,})\b")


def check(text: str, lex: Lexicons) -> list[str]:
    clean = _PLACEHOLDER.sub(" ", text)
    flags: list[str] = []
    if _DIGITS.search(clean):
        flags.append("lange cijferreeks")
    if _AT.search(clean):
        flags.append("@-teken")
    if _TITLE_NAME.search(clean):
        flags.append("naam na aanspreekvorm")
    for m in _CAP_WORD.finditer(clean):
        word = m.group(1).lower()
        if word in lex.first_names and not lex.is_dutch_word(word) and word not in lex.places:
            flags.append("bekende voornaam")
            break
    return flags
