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
from nlp.anonymise.recognisers.names import _compound, unknown_name_like
from schemas.entities import EntityLabel
from schemas.records import Entity

_UP = "A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃÇĞİ"
# (The first letter before the look-behind: the engine jumps between capitals.)
_WORD = re.compile(rf"[{_UP}](?<![\w@.'’-].)[^\W\d_]+(?:-[{_UP}][^\W\d_]+)?(?![\w@'’-])")
_JOIN_AFTER = re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)([{_UP}][^\W\d_]+)\b")
_JOIN_BEFORE = re.compile(rf"\b([{_UP}][^\W\d_]+)(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)$")
_NEXT = re.compile(rf"[ \t]([{_UP}][^\W\d_]+)\b")
# The same in mail written all in lowercase: "bij ans en peter", "met kim en tom".
_LOW_JOIN_AFTER = re.compile(
    r"(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)([a-zà-öø-ÿ]{3,})(?![\w@'’-])"
)
_LOW_JOIN_BEFORE = re.compile(
    r"(?<![\w@'’-])([a-zà-öø-ÿ]{3,})(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)$"
)
# A first name that is also a word is taken on coordination only below this frequency
# ("peter" 4.9, "tom" 4.8 pass; "hoop" 5.5 does not).
_LOW_JOIN_ZIPF = 5.0
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


def _lowercase_first_name(word: str, lex: Lexicons) -> bool:
    """A lowercase word joined to a lowercase name is a name too when it is a first name
    that is no frequent word, function word, role or English word."""
    from nlp.anonymise.recognisers.names import _STOP, _dutch_zipf

    if word not in lex.first_names or word in _STOP or word in INTERFIXES:
        return False
    if lex.is_role(word) or word in lex.titles or word in lex.places or english_word(word):
        return False
    return not lex.is_dutch_word(word) or _dutch_zipf(word) < _LOW_JOIN_ZIPF


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
            if text[e.start : e.end].islower():
                for m in (
                    _LOW_JOIN_AFTER.match(text, e.end),
                    _LOW_JOIN_BEFORE.search(text, line_start, e.start),
                ):
                    if m and _lowercase_first_name(m.group(1), lex):
                        found.append(_span(m, source="extend-coordination-lowercase"))
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
        caps = _CAPS_BEFORE.search(text, line_start, e.start)
        if caps and _caps_surname(caps.group(1), lex):  # "JANSEN, Pieter" in a form
            found.append(Entity(caps.start(1), e.end, EntityLabel.PERSOON, "extend-caps", 0.8))
        caps = _CAPS_AFTER.match(text, e.end)
        if caps and _caps_surname(caps.group(1), lex):  # "Pieter JANSEN"
            found.append(Entity(e.start, caps.end(1), EntityLabel.PERSOON, "extend-caps", 0.8))
        m = _HYPHEN_BEFORE.search(text, line_start, e.start)
        if m and _name_part(m.group(1), lex):  # "Öztürk-" + a found "Yılmaz"
            found.append(Entity(m.start(1), e.end, EntityLabel.PERSOON, "extend-hyphen", 0.8))
        m = _HYPHEN_AFTER.match(text, e.end)
        if m and _name_part(m.group(1), lex):  # a found "Bakker" + "-Hoekstra"
            found.append(Entity(e.start, m.end(1), EntityLabel.PERSOON, "extend-hyphen", 0.8))
        end = _lowercase_tail(text, e, lex)
        if end > e.end:  # "jelle terpstra", "marten de vries", "henk jan"
            found.append(Entity(e.start, end, EntityLabel.PERSOON, "extend-lowercase", 0.7))
        end = _chain_after(text, e.end, lex)
        if end > e.end:  # "Yonas Tesfamariam Gebremedhin": patronymic chains
            found.append(Entity(e.start, end, EntityLabel.PERSOON, "extend-chain", 0.7))
    return found


_MAX_CHAIN = 3
# The other part of a double name: a capitalised word glued by a hyphen to a found name.
_HYPHEN_BEFORE = re.compile(rf"(?<![\w@.'’-])([{_UP}][^\W\d_]+)-$")
_HYPHEN_AFTER = re.compile(rf"-([{_UP}][^\W\d_]+)(?![\w@'’-])")


def _name_part(word: str, lex: Lexicons) -> bool:
    """Part of a double name unless it is an acronym, a role or title, or a place."""
    low = word.lower()
    return not (
        word.isupper()
        or len(word) < 2
        or lex.is_role(low)
        or low in lex.titles
        or (low in lex.places and low not in lex.surnames)
    )


_CAPS = r"(?:(?:VAN|DE|DER|DEN|TER|TEN|EL|'T)[ \t]+)*[A-ZÀ-ÖØ-Þ]{2}[A-ZÀ-ÖØ-Þ'’-]*"
_CAPS_BEFORE = re.compile(rf"(?<![\w@.-])({_CAPS})[ \t]*,?[ \t]*$")
_CAPS_AFTER = re.compile(rf"[ \t]+({_CAPS})(?![\w@.-])")


def _caps_surname(words: str, lex: Lexicons) -> bool:
    """A surname written in capitals (forms, file headers) beside a found name: its last
    word a list surname that is no common word, role or acronym of an organisation."""
    last = words.split()[-1].lower()
    return (
        len(last) >= 3 and last in lex.surnames and last not in lex.common and not lex.is_role(last)
    )


def _unknown_word(word: str, lex: Lexicons) -> bool:
    """A capitalised word no list knows (no Dutch or English word, place, role, compound),
    or a known surname that is no ordinary word."""
    low = word.lower()
    if _ordinary(word, lex) or low in lex.common or _compound(low, lex):
        return False
    if low in lex.surnames or low in lex.first_names:
        return True
    return low not in lex.vocabulary


def _chain_after(text: str, end: int, lex: Lexicons) -> int:
    """The end of the capitalised words the lists do not know that follow a found name on
    its line ("Yonas" + "Tesfamariam Gebremedhin"; Eritrean, Somali and Ethiopian names chain
    a father's and grandfather's name), at most three."""
    for _ in range(_MAX_CHAIN):
        m = _NEXT.match(text, end)
        if m is None or not _unknown_word(m.group(1), lex) or _NEXT_IS_ORG.match(text, m.end()):
            break
        end = m.end(1)
    return end


# A word followed by a legal form or an institution word reads as an organisation.
_NEXT_IS_ORG = re.compile(r"[ \t]+(?:B\.V\.|BV|N\.V\.|VOF|Advocaten|Zorg|College|School)\b")


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


_LOW_NEXT = re.compile(r"[ \t]+([a-zà-öø-ÿ'’]+)(?![\w@-])")
_CLAUSE_END = re.compile(r"[ \t]*(?:$|[.,;:!?)\n])")
_VERB_ENDINGS = ("t", "en", "de", "te", "den", "ten")
# Tussenvoegsels that ordinary prepositional phrases no longer use: a surname follows.
_SURNAME_INTERFIXES = frozenset(["den", "der", "ter", "ten", "'t"])


def _lowercase_tail(text: str, e: Entity, lex: Lexicons) -> int:
    """The end of the lowercase rest of a name written in lowercase after its first name, in
    informal mail with no cue: a second first name ("henk jan"), a surname from the list
    that is no common word ("jelle terpstra") or a tussenvoegsel with such a surname
    ("marten de vries"); else ``e.end``."""
    raw = text[e.start : e.end]
    if not raw.islower() or e.label != EntityLabel.PERSOON:
        return e.end
    last = re.split(r"[ \t-]", raw)[-1]
    if last not in lex.first_names:
        return e.end
    end = e.end
    m = _LOW_NEXT.match(text, end)
    if m is None:
        return end
    word = m.group(1)
    if (
        word in lex.first_names
        and len(word) >= 3
        and word not in INTERFIXES
        and not lex.is_role(word)
        and (word not in lex.common or _CLAUSE_END.match(text, m.end()))
        and not english_word(word)
    ):
        end = m.end(1)  # "henk jan": a double first name
        m = _LOW_NEXT.match(text, end)
        if m is None:
            return end
        word = m.group(1)
    interfixes = 0
    seen: list[str] = []
    while word in INTERFIXES:
        interfixes += 1
        seen.append(word)
        nxt = _LOW_NEXT.match(text, m.end())
        if nxt is None:
            return end
        m, word = nxt, nxt.group(1)
    # A common word after "van den", "ter", or ending the clause is still a surname there
    # ("noor van den berg"), not after a plain "van de" ("tom van de groep").
    strong = interfixes and (set(seen) & _SURNAME_INTERFIXES or _CLAUSE_END.match(text, m.end()))
    if word not in lex.surnames or (word in lex.common and not strong):
        return end
    if lex.is_role(word) or len(word) < 3:
        return end
    if not interfixes and word.endswith(_VERB_ENDINGS) and lex.is_dutch_word(word):
        from nlp.anonymise.recognisers.names import _dutch_zipf

        if _dutch_zipf(word) >= 3.0:
            return end  # "jelle speelden": a verb form
    return m.end(1)
