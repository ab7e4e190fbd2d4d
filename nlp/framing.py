"""The framing of a letter or e-mail: header lines, salutation, closing, signature, place-and-date
line and contact lines. They say how a text was sent, not what it is about, so the theme model
and the topic units read the body without them (a model that learns "Geachte ... Met vriendelijke
groet" learns the form of the letters in its training data, not the complaint).
"""

from __future__ import annotations

import re

from schemas.entities import PLACEHOLDER

_HEADER = re.compile(
    r"^\s*(van|aan|onderwerp|betreft|datum|kenmerk|ons kenmerk|uw kenmerk|cc|bijlage[n]?|"
    r"referentie|dossiernummer|zaaknummer|tel|telefoon|e-?mail|adres|verzonden|from|to|"
    r"subject|sent|date)\b\s*:",
    re.I,
)
_GREETING = re.compile(
    r"^\s*(geachte|beste|hallo|hoi|hey|lieve|goedemiddag|goedemorgen|goedenavond|goedendag|"
    r"l\.s\.|met vriendelijke groet|vriendelijke groet|met vriendelijke groeten|hoogachtend|"
    r"groet(en)?|mvg|alvast bedankt|bij voorbaat dank|dank u|dank voor)\b",
    re.I,
)
_CLOSING = re.compile(
    r"^\s*(met vriendelijke groet(en)?|vriendelijke groet(en)?|hoogachtend|groet(en)?|mvg|"
    r"met hartelijke groet(en)?|hartelijke groet(en)?|groetjes|gr\.|liefs|doei|"
    r"dank je wel)(?=\W|$)",
    re.I,
)
_CONTACT = re.compile(r"bereikbaar|\btelefoonnummer\b|\be-?mail(adres)?\b|\bbel(len)? mij\b", re.I)
# "[PLAATS-1], 14 oktober 2024", "Utrecht, maart 2025", "[ADRES-1] oktober 2025": a line of a
# few words that ends in a month (and year) or a date placeholder.
_PLACE_DATE = re.compile(
    r"^\s*[^.!?]{0,60}?(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december)( \d{4})?\s*$|^\s*[^.!?]{0,60}\[(DATUM|GEBOORTEDATUM)(-\d+)?\]\s*$",
    re.I,
)
_SIGNATURE_WORDS = 4  # after a closing, lines this short are a signature


# Address-block lines: "Postbus 123", "Aan de Kinderombudsman", "T.a.v. de klachtencommissie".
_ADDRESS_LINE = re.compile(r"^\s*(postbus\s+\d+|aan( de| het)?\s+\S+|t\.?\s?a\.?\s?v\.?)", re.I)


def is_form(line: str) -> bool:
    """A header, salutation, closing, contact or address-block line, or a line that is mostly
    placeholders ("[ADRES-1]", "[POSTCODE-1] [PLAATS-1]", "Advocatenpraktijk [PERSOON-1]")."""
    words = len(line.split())
    placeholders = len(PLACEHOLDER.findall(line))
    return bool(
        _HEADER.match(line)
        or _GREETING.match(line)
        or (_CONTACT.search(line) and words < 25)
        or placeholders > max(2, words // 4)
        or (words <= 6 and 2 * placeholders >= words)
        or (words <= 5 and _ADDRESS_LINE.match(line))
    )


def _framing(line: str, words: int, closed: bool) -> bool:
    if closed and words <= _SIGNATURE_WORDS:
        return True
    if words >= 12:
        return False
    if _GREETING.match(line):  # "Beste mevrouw," but not "Beste bedoelingen heeft ze, ..."
        return words <= 4 or line.endswith(",")
    return bool(is_form(line) or _PLACE_DATE.match(line))


def body(text: str) -> str:
    """The text without its framing lines; the whole text when nothing else is left. Only
    whole short lines go: a sentence that starts with "Beste" inside a paragraph stays."""
    out: list[str] = []
    closed = False
    for line in text.splitlines():
        stripped = line.strip()
        words = len(stripped.split())
        if not stripped:
            out.append("")
        elif _CLOSING.match(stripped) and words <= 6:
            closed = True
        elif not _framing(stripped, words, closed):
            out.append(line)
    kept = "\n".join(out).strip()
    return kept or text
