"""More of a name from the names already found in the same document.

A name once found says something about the words around it and about other words in the
letter, which a recogniser looking at one spot cannot know:
- coordination: "Oliwia en Kacper", "Sem, Noor en Bibi": a capitalised word joined by "en",
  "&" or a comma to a found name is a name too, when it is no ordinary word;
- neighbours: a name-like word right before a found surname ("Kasia" + "Wiśniewska"), or an
  unknown word right after a found first name ("Emeka" + "Obi"), is part of that name;
- variants: nicknames and diminutives of a found first name ("Noor" → "Nootje", "Jan" →
  "Jantje", "Chukwuemeka" → "Emeka"), capitalised, anywhere in the letter.
"""

from __future__ import annotations

import re

from nlp.anonymise import namelike
from nlp.anonymise.coref import parse
from nlp.anonymise.lexicons import INTERFIXES, Lexicons
from nlp.anonymise.namelike import CUED_THRESHOLD, english_word
from nlp.anonymise.recognisers.names import unknown_name_like
from schemas.entities import EntityLabel
from schemas.records import Entity

_UP = "A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃÇĞİ"
_WORD = re.compile(rf"(?<![\w@.'’-])[{_UP}][^\W\d_]+(?:-[{_UP}][^\W\d_]+)?(?![\w@'’-])")
_JOIN_AFTER = re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)([{_UP}][^\W\d_]+)\b")
_JOIN_BEFORE = re.compile(rf"\b([{_UP}][^\W\d_]+)(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)$")
_NEXT = re.compile(rf"[ \t]([{_UP}][^\W\d_]+)\b")
_PREV = re.compile(rf"\b([{_UP}][^\W\d_]+)[ \t]$")
_DIMINUTIVE = ("tje", "pje", "je", "ke", "ie", "y")


def _ordinary(word: str, lex: Lexicons) -> bool:
    low = word.lower()
    return (
        low in INTERFIXES
        or lex.is_dutch_word(low)
        or english_word(low)
        or low in lex.places
        or lex.is_role(low)
        or low in lex.titles
        or word.isupper()
        or len(word) < 3
    )


# Joined by "en" to a found name, a word the vocabulary lacks needs little from its letters.
_JOINED_THRESHOLD = 0.2


def _is_name_word(word: str, lex: Lexicons, threshold: float = CUED_THRESHOLD) -> bool:
    """A known first name that is no common word, or a name-like word the lists lack."""
    low = word.lower()
    if low in lex.first_names and low not in lex.common and not lex.is_role(low):
        return not lex.is_dutch_word(low)
    return unknown_name_like(word, lex, threshold=threshold)


def _span(m: re.Match[str], group: int = 1, source: str = "extend") -> Entity:
    return Entity(m.start(group), m.end(group), EntityLabel.PERSOON, source, 0.8)


def _first_name_before(word: str, lex: Lexicons) -> bool:
    """ "Kasia" right before a found surname: a known first name, or a word that reads as a
    name by its letters, also when a word list has it (names such as "kasia" are frequent
    enough to be in the Dutch word-frequency list)."""
    low = word.lower()
    if low in lex.common or low in lex.titles or lex.is_role(low) or low in lex.places:
        return False
    if word.isupper() or len(word) < 3 or english_word(low):
        return False
    if low in lex.first_names:
        return True
    return namelike.load(lex).score(low) >= namelike.THRESHOLD


def _joined_name(m: re.Match[str], text: str, lex: Lexicons) -> bool:
    """The word joined to a found name is a name itself, not the start of an organisation
    ("Sem en Jeugdbescherming Brabant") or an ordinary word."""
    word = m.group(1)
    if _ordinary(word, lex) or _NEXT.match(text, m.end(1)):
        return False
    return _is_name_word(word, lex, _JOINED_THRESHOLD)


def neighbours(text: str, entities: list[Entity], lex: Lexicons) -> list[Entity]:
    """New spans for names joined to, or standing right beside, a found name."""
    found: list[Entity] = []
    for e in entities:
        if e.label != EntityLabel.PERSOON:
            continue
        # Only the line before the name, and not far back (a PDF line can be very long).
        line_start = max(text.rfind("\n", 0, e.start) + 1, e.start - 80)
        # A found name that is also a common word vouches for no other ("Roos en Hoop").
        if text[e.start : e.end].lower() not in lex.common:
            m = _JOIN_AFTER.match(text, e.end)
            if m and _joined_name(m, text, lex):
                found.append(_span(m, source="extend-coordination"))
            m = _JOIN_BEFORE.search(text, line_start, e.start)
            if m and _joined_name(m, text, lex):
                found.append(_span(m, source="extend-coordination"))
        mention = parse(text[e.start : e.end], lex)
        m = _PREV.search(text, line_start, e.start)
        surname_only = (mention.surname and not mention.first) or (
            mention.single is not None and mention.single not in lex.first_names
        )
        if m and surname_only and _first_name_before(m.group(1), lex):
            # One span with the surname: "Kasia Wiśniewska" is one mention of one person.
            found.append(Entity(m.start(1), e.end, EntityLabel.PERSOON, "extend-first-name", 0.8))
        m = _NEXT.match(text, e.end)
        if m and (mention.first or mention.single) and not mention.surname:
            word = m.group(1)
            known = word.lower() in lex.surnames
            if not _ordinary(word, lex) and (known or _is_name_word(word, lex)):
                found.append(  # "Emeka Obi"
                    Entity(e.start, m.end(1), EntityLabel.PERSOON, "extend-surname", 0.8)
                )
    return found


def variants(text: str, entities: list[Entity], lex: Lexicons) -> list[Entity]:
    """Nicknames and diminutives of the first names found: a capitalised word that is a
    first name plus a diminutive ending, starts like one ("Nootje" for "Noor"), or is the
    end of a long one ("Emeka" for "Chukwuemeka")."""
    firsts: set[str] = set()
    for e in entities:
        if e.label == EntityLabel.PERSOON:
            m = parse(text[e.start : e.end], lex)
            for word in (m.first, m.single):
                if word and len(word) >= 3 and word.isalpha():
                    firsts.add(word)
    if not firsts:
        return []
    found = []
    for m in _WORD.finditer(text):
        low = m.group().lower()
        if low in firsts or lex.is_role(low) or low in lex.common or english_word(low):
            continue
        if _variant(low, firsts) and (
            not lex.is_dutch_word(low) or not _sentence_start(text, m.start())
        ):
            found.append(Entity(m.start(), m.end(), EntityLabel.PERSOON, "extend-variant", 0.8))
    return found


def _variant(word: str, firsts: set[str]) -> bool:
    for suffix in _DIMINUTIVE:
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= 3
            and any(f.startswith(stem) or stem.startswith(f) for f in firsts)
        ):
            return True
    return len(word) >= 4 and any(len(f) >= len(word) + 3 and f.endswith(word) for f in firsts)


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t")
    return not before or before[-1] in ".!?:\n\"'("
