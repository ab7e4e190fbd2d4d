"""Within-document coreference for names: mentions of one person share a placeholder.

``propagate`` finds further mentions of the parts of names already found (a bare first name or
surname further down, a possessive "Sharons") so none of them leaks. ``clusters`` groups the
mentions into persons, by person rather than by surname:
- the same full name, or a compatible one ("J. de Groot" and "Johan de Groot"), is one person;
- a first name alone or a surname alone refers back to the one earlier person it fits; when
  several earlier people fit (a mother and son both "Bakker"), it is taken as someone else
  (a professional who happens to share the surname), never merged into one of them;
- different first names with one surname are different people ("Henk Bakker", "Finn Bakker").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.lang.nl.stop_words import STOP_WORDS

from nlp.anonymise.lexicons import INTERFIXES, Lexicons
from nlp.anonymise.nonlatin import ANY as NON_LATIN
from schemas.entities import EntityLabel
from schemas.records import Entity

_PART = re.compile(r"[^\W\d_][\w'’]*", re.UNICODE)
# Initials: "J.", "J.P.", "JP"; four capitals or more without a dot are a name in capitals.
_INITIAL = re.compile(r"^(?:[A-Z]\.?)+$(?<![A-Z]{4})")
_WORD = re.compile(r"[^\s()]+")


def name_parts(name: str) -> set[str]:
    """The distinctive words of a name: no initials, no tussenvoegsels."""
    return {
        p.lower()
        for p in _PART.findall(name)
        if len(p) > 1 and p.lower() not in INTERFIXES and not (len(p) <= 2 and p.isupper())
    }


@dataclass
class Mention:
    """A name as written, split into what it says about the person."""

    first: str | None = None  # lowercased first name
    initials: str = ""  # "jp" for "J.P."
    surname: tuple[str, ...] = ()  # lowercased surname words without tussenvoegsels
    single: str | None = None  # a lone word that may be a first name or a surname


def parse(name: str, lex: Lexicons) -> Mention:
    words = [w.strip(".,;:'’") if not _INITIAL.match(w) else w for w in _WORD.findall(name)]
    initials = "".join(w.replace(".", "").lower() for w in words if _INITIAL.match(w))
    core = [w for w in words if w and not _INITIAL.match(w) and w.lower() not in INTERFIXES]
    had_interfix = any(w.lower() in INTERFIXES for w in words)
    if not core:
        return Mention(initials=initials)
    first_word = core[0].split("-")[0].lower()
    # A first word the lists do not know as a surname is taken as a first name ("Ngozi Obi"),
    # so relatives who share a surname stay different people.
    first_like = first_word in lex.first_names or first_word not in lex.surnames
    if len(core) >= 2 and first_like and words[0].lower() not in INTERFIXES:
        surname = tuple(p.lower() for w in core[1:] for p in w.split("-") if p)
        return Mention(first=core[0].lower(), initials=initials, surname=surname)
    surname = tuple(p.lower() for w in core for p in w.split("-") if p)
    if len(core) == 1 and not initials and not had_interfix:
        return Mention(single=core[0].lower())
    return Mention(initials=initials, surname=surname)


@dataclass
class _Person:
    firsts: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    surname: set[str] = field(default_factory=set)


def _first_fits(p: _Person, m: Mention) -> bool:
    if m.first:
        if p.firsts:
            return m.first in p.firsts
        return not p.initials or any(i.startswith(m.first[0]) for i in p.initials)
    if m.initials:
        if p.firsts:
            return any(f.startswith(m.initials[0]) for f in p.firsts)
        return not p.initials or m.initials in p.initials
    return True


def _surname_fits(p: _Person, m: Mention) -> bool:
    return bool(p.surname) and bool(set(m.surname) & p.surname)


def _candidates(persons: list[_Person], m: Mention) -> list[int]:
    if m.single is not None:
        word = m.single
        by_first = [i for i, p in enumerate(persons) if word in p.firsts]
        by_surname = [i for i, p in enumerate(persons) if word in p.surname]
        if not (by_first or by_surname) and word.endswith("s") and len(word) > 3:
            return _candidates(persons, Mention(single=word[:-1]))  # "Jaydens": possessive
        return by_first or by_surname
    if m.surname:
        fits = [i for i, p in enumerate(persons) if _surname_fits(p, m) and _first_fits(p, m)]
        if fits or not m.first:
            return fits
        # "Daan ... Daan de Vries": a person known by first name alone gets the surname.
        return [i for i, p in enumerate(persons) if not p.surname and m.first in p.firsts]
    return []


def clusters(text: str, entities: list[Entity], lex: Lexicons | None = None) -> dict[int, int]:
    """Person id per PERSOON entity index (ids in order of first mention)."""
    if lex is None:
        from nlp.anonymise.lexicons import load

        lex = load()
    persons: list[_Person] = []
    result: dict[int, int] = {}
    for idx, e in enumerate(entities):
        if e.label != EntityLabel.PERSOON:
            continue
        m = parse(text[e.start : e.end], lex)
        fits = _candidates(persons, m)
        if len(fits) == 1:
            pid = fits[0]
        else:  # nobody fits, or several do: someone else
            persons.append(_Person())
            pid = len(persons) - 1
        p = persons[pid]
        if m.first:
            p.firsts.add(m.first)
        if m.initials:
            p.initials.add(m.initials)
        p.surname.update(m.surname)
        if m.single is not None and not (p.firsts or p.surname):
            if m.single in lex.first_names:
                p.firsts.add(m.single)
            else:
                p.surname.add(m.single)
        result[idx] = pid
    return result


def propagate(
    text: str, entities: list[Entity], lex: Lexicons, shouted: str | None = None
) -> list[Entity]:
    """New PERSOON spans for other mentions of the parts of names already found, also in a
    file name ("foto_auto_rutger.jpg": an underscore parts words) and, when ``shouted`` (the
    text before its capitals were lowercased) is given, in capitals ("STORM BELT MIJ": the
    boy's name, although "storm" is a word)."""
    firsts: set[str] = set()
    surnames: set[str] = set()
    # Names the writer wrote in lowercase ("bram koster", "familie de wit"): further lowercase
    # mentions are that name too, also when the word is a Dutch word ("bram", "de wit").
    lower_words: set[str] = set()
    lower_phrases: set[str] = set()
    # A name in another script ("张丽", two letters) is repeated whole, in a signature say.
    other_script: set[str] = set()
    for e in entities:
        if e.label == EntityLabel.PERSOON:
            raw = text[e.start : e.end]
            if NON_LATIN.search(raw) and len(raw.strip()) >= 2:
                other_script.add(raw.strip())
            if raw.islower():
                words = raw.split()
                lower_words.update(w for w in words if w not in INTERFIXES)
                if len(words) >= 2 and words[-2] in INTERFIXES:
                    lower_phrases.add(" ".join(words[-2:]))
            m = parse(raw, lex)
            if m.first:
                firsts.add(m.first)
            if m.single:
                firsts.add(m.single)
            surnames.update(m.surname)
    firsts = {p for p in firsts if len(p) >= 3 and not lex.is_role(p)}
    surnames = {p for p in surnames if len(p) >= 3 and not lex.is_role(p)}
    firsts |= other_script
    if not firsts and not surnames:
        return []
    found = []
    interfix = "|".join(re.escape(i) for i in sorted(INTERFIXES, key=len, reverse=True))
    # A possessive may follow a name: a glued-on "s" goes with it ("Sharons collega", as the
    # annotation conventions mark it); "'s" and a bare apostrophe stay outside the span.
    after = r"(?P<poss>s(?![\w@]))?(?=(?:['’]s?)?(?![^\W_]|@))"
    alternatives = []
    starts: set[str] = set()  # the letters a match can start with
    if surnames:
        names = "|".join(re.escape(p) for p in sorted(surnames, key=len, reverse=True))
        # Optionally preceded by a tussenvoegsel run ("mevrouw De Groot", "El Amrani").
        alternatives.append(rf"(?:(?:{interfix})\s+)*(?:{names})")
        starts.update(p[0] for p in surnames)
        starts.update(i[0] for i in INTERFIXES)
    if firsts - surnames:
        names = "|".join(re.escape(p) for p in sorted(firsts - surnames, key=len, reverse=True))
        alternatives.append(rf"(?:{names})")
        starts.update(p[0] for p in firsts - surnames)
    # The look-ahead only lets the engine skip the other letters quickly.
    ahead = "".join(re.escape(c) for c in sorted(starts))
    rx = re.compile(
        rf"(?<![^\W_]|@)(?=[{ahead}])(?P<name>{'|'.join(alternatives)}){after}", re.IGNORECASE
    )
    for m in rx.finditer(text):
        word = m.group("name").split()[-1]
        # Lowercase hits only when the word is not ordinary Dutch ("roos" vs "Roos"), when
        # it stands alone on its line (a signature: "groetjes,\njade"), or when the writer
        # wrote this name in lowercase elsewhere ("bram", "de wit").
        written_lower = (
            word in lower_words and word not in lex.common and not lex.is_role(word)
        ) or " ".join(m.group("name").lower().split()[-2:]) in lower_phrases
        if word[:1].islower() and (
            (
                lex.is_dutch_word(word)
                and not _own_line(text, m)
                and not written_lower
                and not _in_capitals(shouted, m, word)
            )
            or _word_fragment(text, m)
        ):
            continue
        start = m.start()
        initials = _initials_before(text, m)
        if initials is not None:
            start = initials  # "r. de haan" on a line of its own: the initial goes with it
        elif m.group("name")[:1].islower() and " " in m.group("name"):
            # "de vader van Lieke": a lowercase tussenvoegsel run before the name is text,
            # unless the name was written with it ("de wit" for "familie de wit").
            start = m.start() + m.group("name").rindex(word)
            pair = m.group("name").lower().split()[-2:]
            if " ".join(pair) in lower_phrases:
                start = m.start() + m.group("name").lower().rindex(f"{pair[0]} ")
        found.append(Entity(start, m.end(), EntityLabel.PERSOON, "coref", 0.9))
    return found


def _in_capitals(shouted: str | None, m: re.Match[str], word: str) -> bool:
    """The writer wrote this found name in capitals (the text was lowercased for the rules):
    a name, even when it is also a word ("STORM"); not a short or function word ("WIL")."""
    if shouted is None or len(word) < 4 or word in STOP_WORDS:
        return False
    return shouted[m.start("name") : m.end("name")].isupper()


_INITIALS_ONLY = re.compile(r"^[ \t]*((?:[A-Za-z]\.[ \t]*)+)$", re.M)


def _own_line(text: str, m: re.Match[str]) -> bool:
    """The match is all its line holds, perhaps after initials (a signature "r. de haan")."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    if text[m.end() : line_end].strip(" \t,."):
        return False
    before = text[line_start : m.start()]
    return not before.strip() or _INITIALS_ONLY.match(before) is not None


def _initials_before(text: str, m: re.Match[str]) -> int | None:
    """Where the initials before a name start, when only initials stand before it on its line."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    found = _INITIALS_ONLY.match(text, line_start, m.start())
    return found.start(1) if found is not None else None


_BROKEN_BEFORE = re.compile(r"\w-[ \t]*\n[ \t]*$")


def _word_fragment(text: str, m: re.Match[str]) -> bool:
    """Part of a word hyphenated over two lines ("maatrege-\nlen")."""
    return (
        bool(_BROKEN_BEFORE.search(text, max(0, m.start() - 8), m.start()))
        or text[m.end() : m.end() + 1] == "-"
    )
