"""Phone numbers: libphonenumber for the Dutch and international forms, plus a pattern for
spellings it rejects ("06 - 12 34 56 78", "0031 (0)6 ...", "(0310) 642242" with an area code
it does not know). Scanned letters misread digits as letters ("06-2O 81 44 37", "O547-26 l9 83"):
every pattern also runs over the shadow text with look-alikes read as digits (``ocr_digits``).

A number read out or written in words ("nul zes, drieëntwintig, achtenveertig, ...",
"nul-drie-acht, drie-drie-een, ...") is a phone number too: a run of Dutch number words that
spells nine digits or more, starting with "nul" as Dutch numbers do, or after a phone cue
("mijn nummer is zes één twee ...")."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "telefoon"
LABEL = EntityLabel.TELEFOON
labels = frozenset({LABEL})
# 0 or +31/0031 prefix, then 9 digits in groups separated by spaces, dashes, dots or " - ";
# an area code may stand in brackets: "(020) 123 4567".
# Each alternative consumes its first character before the look-behind (over it and the one
# before): the same matches, but the engine jumps between "+", "0" and "(".
NL_RE = re.compile(
    r"(?:\+(?<![\w+(].)\s?31\s?(?:\(0\)\s?)?|0(?<![\w+(].)0\s?31\s?(?:\(0\)\s?)?"
    r"|\((?<![\w+(].)\s?0(?=\d{1,3}\s?\))|0(?<![\w+(].))"
    r"(?:[\s.\-/)]{0,3}\d){9}(?!\d)"
)
INTL_RE = re.compile(r"(?:\+(?<![\w+].)|0(?<![\w+].)0)[1-9]\d{0,2}(?:[\s.\-]{0,3}\d){6,12}(?!\d)")


_UNITS = {
    "nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4,
    "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
}  # fmt: skip
_TEENS = (
    "tien", "elf", "twaalf", "dertien", "veertien", "vijftien",
    "zestien", "zeventien", "achttien", "negentien",
)  # fmt: skip
_TENS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")
# A unit and a ten: "drieëntwintig", "achtenveertig", "eenenvijftig".
_UNIT_WORD = "|".join(sorted((u for u in _UNITS if u != "nul"), key=len, reverse=True))
_TEN_WORD = "|".join(_TENS)
_NUMBER_WORD = (
    rf"(?:(?:{_UNIT_WORD})[eë]?[eë]n(?:{_TEN_WORD})|{_TEN_WORD}|{'|'.join(_TEENS)}"
    rf"|{'|'.join(_UNITS)})"
)
_SPOKEN = re.compile(
    rf"(?<![\w-])(?:{_NUMBER_WORD})(?:(?:[ \t]*[,-][ \t]*|[ \t]+)(?:{_NUMBER_WORD})){{2,}}"
    r"(?![\w-])",
    re.IGNORECASE,
)
_SPOKEN_WORD = re.compile(r"[^\W\d_]+")
_ONE_NUMBER_WORD = re.compile(_NUMBER_WORD, re.IGNORECASE)
_PHONE_CUE = re.compile(
    r"(?:\b(?:nummer|telefoon\w*|mobiel|gsm|bel|bellen|belt|bereikbaar|whatsapp|terugbellen)\b"
    r"|\btel[.:])[^.!?\n]{0,25}$",
    re.IGNORECASE,
)
_CUE_WORDS = ("nummer", "telefoon", "mobiel", "gsm", "bel", "bereikbaar", "whatsapp", "tel")
_CUE_REACH = 40
_MIN_SPOKEN_DIGITS = 9


def _found(low: str, word: str) -> Iterator[int]:
    """Where ``word`` starts a word in ``low``."""
    at = low.find(word)
    while at >= 0:
        if not at or not (low[at - 1].isalnum() or low[at - 1] == "-"):
            yield at
        at = low.find(word, at + 1)


def spoken_digits(words: str) -> int:
    """How many digits the Dutch number words in ``words`` spell (a unit one, a teen, ten or
    unit-and-ten two; other words none)."""
    return sum(
        1 if w.lower() in _UNITS else 2
        for w in _SPOKEN_WORD.findall(words)
        if _ONE_NUMBER_WORD.fullmatch(w)
    )


def _spoken(text: str) -> Iterator[Entity]:
    """Phone numbers written out in Dutch number words: a run from each "nul", and a run
    shortly after each phone cue (looked for only there: most letters have neither)."""
    seen: set[int] = set()
    low = text.lower()  # str.find on it is fast
    if len(low) != len(text):  # "İ" lowercases to two characters: keep the offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    starts = list(_found(low, "nul"))
    for cue in _CUE_WORDS:
        for at in _found(low, cue):
            m = _SPOKEN.search(text, at + len(cue), at + len(cue) + _CUE_REACH)
            if m is not None and _PHONE_CUE.search(text, max(0, m.start() - 40), m.start()):
                starts.append(m.start())
    for start in starts:
        m = _SPOKEN.match(text, start)
        if m is None or m.start() in seen or spoken_digits(m.group()) < _MIN_SPOKEN_DIGITS:
            continue
        seen.add(m.start())
        yield entity(m.start(), m.end(), LABEL, "phone-words", 0.8)


def find(ctx: Context) -> Iterator[Entity]:
    yield from _spoken(ctx.text)
    seen: set[tuple[int, int]] = set()
    for view, text in enumerate(ctx.numeric_texts):
        source = "phone-ocr" if view else "phonenumbers"
        for match in phonenumbers.PhoneNumberMatcher(text, "NL"):
            if (match.start, match.end) not in seen:
                seen.add((match.start, match.end))
                yield entity(match.start, match.end, LABEL, source, 0.8 if view else 1.0)
        for rx in (NL_RE, INTL_RE):
            for m in rx.finditer(text):
                if (m.start(), m.end()) not in seen:
                    seen.add((m.start(), m.end()))
                    yield entity(
                        m.start(),
                        m.end(),
                        LABEL,
                        source if view else "phone-pattern",
                        0.8 if view else 0.9,
                    )
