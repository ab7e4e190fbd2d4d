"""Second pass over the anonymised text: look for what should not be there any more.

A hit does not change the text; it marks the document ``controle nodig`` so that a person looks
before any quote from it is shown (``rodedraad nakijken`` shows the hits marked). Flags name the
kind of leftover, never its text. Placeholders and chain organisations are masked first (the
"William" of the William Schrikker Stichting is no leftover), and year ranges ("2015-2020") are
no number: a flag that fires on everything is noise that staff learn to ignore.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.nl.stop_words import STOP_WORDS

from nlp.anonymise import pinyin
from nlp.anonymise.lexicons import Lexicons
from nlp.anonymise.namelike import english_word
from nlp.anonymise.ocr_digits import spaced_signs
from nlp.anonymise.protected import find_protected
from schemas.entities import PLACEHOLDER

_DIGITS = re.compile(r"\d(?:[\s.\-/]?\d){6,}")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s?[-–/]\s?(?:19|20)\d\d")
_AT = re.compile(r"\w@\w|(?<!\w)@\w{2,}")
# The first character, then the look-behind (over it and the one before): the same matches,
# but the engine jumps between candidate characters instead of trying every position.
_TITLE_NAME = re.compile(
    r"(?:m(?<!\w.)evrouw|m(?<!\w.)evr\.|m(?<!\w.)w\.|m(?<!\w.)eneer|d(?<!\w.)hr\.|d(?<!\w.)e heer"
    r"|j(?<!\w.)uf|m(?<!\w.)eester)[ \t]+([A-Z][\w'’-]+)"
)
_CAP_WORD = re.compile(r"([A-Z](?<=[a-z,;]\s.)[a-zà-ÿ'’]{2,})\b")
# A word right after a placeholder (or after the age that follows it) that reads as the rest of
# a name: "[PERSOON-1] koster", "[PERSOON-5] van Dongen", "[PERSOON-2] (10) Schouten".
_AFTER_NAME = re.compile(
    r"\[PERSOON-\d+\](?:[ \t]*\(\d{1,2}(?:[ \t]?jaar)?\))?[ \t]+"
    r"((?:(?:van|de|der|den|ter|ten|te|el|al)[ \t]+)*)([A-Za-zÀ-ÿ'’-]{2,})"
)
# A surname written without a first name, its tussenvoegsel capitalised in mid-sentence ("een
# zekere Van Dam", "toen belde Ter Horst"): only a name is written so. After a capitalised word
# it is the name of a firm ("Bakkerij Van der Meulen").
_CAPITAL_INTERFIX = re.compile(
    r"(?:Van|Ter|Ten|Von)(?:(?<=[a-zà-ÿ][ \t]...)|(?<=[a-zà-ÿ][,;][ \t]...))"
    r"(?:[ \t]+(?:der|den|de|'t))?[ \t]+[A-Z][a-zà-ÿ'’-]+\b"
)
# Two capitalised words near a placeholder, the first a known first name or a Chinese family
# name ("[PERSOON-1] en Li Na", "dochter, Mirela Dobreva"): a name the recognisers missed.
_CAP_PAIR = re.compile(r"([A-Z](?<![\w'’.-].)[a-zà-ÿ'’]*)[ \t]+([A-Z][a-zà-ÿ'’-]+)(?![\w'’@-])")
_NEAR = 80
# A scan read letter-spaced ("7 9 4 1", "M e p p e l"): recognition on it is unreliable.
_LETTER_SPACED = re.compile(r"(?<![\w.-])\w(?:[ \t]\w){2,}(?![\w-])")
_WORD_BEFORE = re.compile(r"([\w'’-]+)[,;]?[ \t]+$")
_VERB_ENDINGS = ("t", "en", "de", "te")  # "[PERSOON-1] belt" is a verb, "koster" a surname
_TITLES = (
    "naam na aanspreekvorm",
    "bekende voornaam",
    "naam naast vervanging",
    "naam met tussenvoegsel",
    "naamachtig woordpaar",
    "gescande tekst",
    "lange cijferreeks",
    "@-teken",
)


@dataclass(frozen=True)
class Finding:
    """A suspected leftover: its kind and its characters in the anonymised text."""

    code: str
    start: int
    end: int


def _masked(text: str, lex: Lexicons) -> str:
    """The text with placeholders and chain organisations blanked, offsets kept."""
    chars = list(text)
    spans = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
    spans += find_protected(text, lex)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def findings(text: str, lex: Lexicons) -> list[Finding]:
    clean = _masked(text, lex)
    out: list[Finding] = []
    for m in _DIGITS.finditer(clean):
        if not _YEAR_RANGE.fullmatch(m.group().strip()):
            out.append(Finding("lange cijferreeks", m.start(), m.end()))
    if "@" in clean:  # every match holds one
        out += [Finding("@-teken", m.start(), m.end()) for m in _AT.finditer(clean)]
    for m in _TITLE_NAME.finditer(clean):
        if m.group(1).lower() not in lex.common or m.group(1).lower() in lex.first_names:
            out.append(Finding("naam na aanspreekvorm", m.start(1), m.end(1)))
    for m in _CAP_WORD.finditer(clean):
        word = m.group(1).lower()
        if (
            word.endswith("s")
            and word not in lex.first_names
            and word not in lex.surnames
            and not lex.is_dutch_word(word)
        ):
            word = word.rstrip("'’")[:-1]  # a possessive: "Sharons collega"
        if word in lex.first_names and not lex.is_dutch_word(word) and word not in lex.places:
            out.append(Finding("bekende voornaam", m.start(1), m.end(1)))
    for m in _CAPITAL_INTERFIX.finditer(clean):
        before = _WORD_BEFORE.search(clean, max(0, m.start() - 40), m.start())
        if before is not None and before.group(1)[:1].islower():
            out.append(Finding("naam met tussenvoegsel", m.start(), m.end()))
    out += _name_pairs(text, clean, lex)
    out += _scanned(text)
    for m in _AFTER_NAME.finditer(text):
        word = m.group(2)
        low = word.lower()
        if clean[m.start(2)] == " ":
            continue  # a placeholder or a chain organisation
        if word.endswith("-") and re.match(r"[ \t]*\n", text[m.end(2) : m.end(2) + 4]):
            continue  # the first part of a word broken over two lines ("Jeugdbe-\nscherming")
        if m.group(1) and word[:1].isupper():
            hit = True  # "[PERSOON-5] van Dongen"
        elif word.isupper() and len(word) <= 6:
            # "[PERSOON-3] JBRA": an organisation's acronym; "[PERSOON-2] BELT": a verb
            hit = low in lex.surnames and not (
                lex.is_dutch_word(low) and low.endswith(_VERB_ENDINGS)
            )
        elif word[:1].isupper():
            hit = low in lex.surnames or not lex.is_dutch_word(low)
        else:
            hit = (
                low in lex.surnames
                and low not in lex.common
                and not (lex.is_dutch_word(low) and low.endswith(_VERB_ENDINGS))
            )
        if hit:
            out.append(
                Finding("naam naast vervanging", m.start(1) if m.group(1) else m.start(2), m.end(2))
            )
    return sorted(out, key=lambda f: (f.start, f.code))


def _name_pairs(text: str, clean: str, lex: Lexicons) -> list[Finding]:
    """Capitalised word pairs that read as a name the recognisers missed: a known given name
    that is no Dutch word before a word no list knows ("Mehari Tesfamariam"), anywhere; near
    a placeholder also any such given name, a given name that is a word before an unknown
    word ("Roos Vlinder"), or a Chinese name in pinyin."""
    near = [m.start() for m in PLACEHOLDER.finditer(text)] if "[PERSOON-" in text else []
    out = []
    for m in _CAP_PAIR.finditer(clean):
        first = m.group(1).lower()
        given = first in lex.first_names and first not in STOP_WORDS
        if not (given or first in pinyin.SURNAMES):
            continue
        known = given and not lex.is_dutch_word(first)
        unknown = given and _unknown(m.group(2), lex)
        if not (known and unknown):
            if not any(abs(p - m.start()) <= _NEAR for p in near):
                continue
            if not (known or unknown or any(True for _ in pinyin.names(m.group(), lex))):
                continue
        out.append(Finding("naamachtig woordpaar", m.start(), m.end()))
    return out


def _unknown(word: str, lex: Lexicons) -> bool:
    """A capitalised word no list knows: no Dutch or English word, place, name of a role."""
    low = word.lower().strip("'’-")
    return (
        len(low) >= 3
        and not lex.is_dutch_word(low)
        and low not in lex.places
        and low not in lex.common
        and not lex.is_role(low)
        and not english_word(low)
    )


def _scanned(text: str) -> list[Finding]:
    """A letter-spaced scan: its spaced-out runs, or its first spaced punctuation."""
    signs = spaced_signs(text)
    if not signs:
        return []
    runs = [Finding("gescande tekst", m.start(), m.end()) for m in _LETTER_SPACED.finditer(text)]
    return runs or [Finding("gescande tekst", signs[0][0], signs[0][1])]


def check(text: str, lex: Lexicons) -> list[str]:
    """The kinds of leftover found, in a fixed order (stored as the document's flags)."""
    codes = {f.code for f in findings(text, lex)}
    return [c for c in _TITLES if c in codes]
