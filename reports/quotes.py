"""Which evidence sentences a report quotes: whole sentences only, shown as they read best.

Evidence sentences come from a rule-based splitter over anonymised text, so some are pieces: a
line cut by a page break, the tail after an abbreviation ("bijv. de voogd ..."), a list item, a
heading. A quote must be a whole sentence: it starts like one (a capital, a digit, a placeholder)
and ends like one (. ! ? or …, perhaps inside a closing quote or bracket), and never ends on an
abbreviation. Over-long sentences are skipped, never cut. A sentence that is mostly placeholders,
or holds a contact or account number ("U kunt mij bereiken op [TELEFOON-1]"), or introduces the
writer ("Mijn naam is [PERSOON-1] en ik ben ..."), says nothing about the complaint once
anonymised and is not quoted either.

Sentences stored before the anonymiser said "in <maand>" for a generalised day still read
"op mei 2026"; ``tidy`` turns that "op" into "in" as the anonymiser does now
(``nlp.anonymise.replace.month_preposition``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from schemas.dutch_calendar import MONTHS
from schemas.entities import PLACEHOLDER, EntityLabel

MIN_CHARS, MAX_CHARS = 40, 400

_OPEN = "\"'“‘„(«"
_CLOSE = "\"'”’)»"
_STARTS = re.compile(rf"^[{re.escape(_OPEN)}]?(?:[A-ZÀ-Ý0-9]|\[[A-Z])")
_ENDS = re.compile(rf"(?:[.!?…]|\.\.\.)[{re.escape(_CLOSE)}]*$")
# Abbreviations a sentence never ends on: the splitter cut the sentence there.
_ABBREVIATIONS = frozenset(
    {"bijv", "bv", "o.a", "dhr", "mevr", "mw", "ca", "nr", "blz", "t.a.v", "i.v.m", "m.b.t",
     "d.w.z", "z.g.a.n", "e.d", "enz", "etc", "vs", "jl", "j.l", "a.s", "mr", "dr", "drs",
     "ing", "ir", "prof", "st", "tel"}
)  # fmt: skip
_LAST_WORD = re.compile(r"(\S+)\.[" + re.escape(_CLOSE) + r"]*$")
_MONTH_AFTER_OP = re.compile(r"\b([Oo])p(\s+)(?=(?:" + "|".join(MONTHS) + r")\b)")
# Placeholders of contact details and numbers: a sentence with one is an address line, not a
# quote; and at most this share of a quote's words may be placeholders.
_ADMIN = frozenset(
    {EntityLabel.EMAIL, EntityLabel.URL, EntityLabel.IBAN, EntityLabel.BSN, EntityLabel.TELEFOON,
     EntityLabel.ZAAKNUMMER, EntityLabel.KENTEKEN, EntityLabel.POSTCODE, EntityLabel.ADRES}
)  # fmt: skip
_MAX_PLACEHOLDER_SHARE = 0.2
# A self-introduction says who wrote, not what went wrong, and reads as "[PERSOON-1] ..." once
# anonymised: the writer's name ("Mijn naam is", "Ik heet", "Ik ben [PERSOON-1]", "ik,
# [PERSOON-1], ..."), the set phrases of an introduction, or the writer's relation to a named
# person ("Ik ben de moeder van [PERSOON-1]", "Wij zijn pleegouders van [PERSOON-2]").
_KIN = (
    r"\w*(?:moeder|vader|ouders?|zoon|dochter|kind|kinderen)"
    r"|ma|pa|oma|opa|tante|oom|zus|zuster|broer|neef|nicht|voogd"
)
# Words between "ik ben" and the relation: not a preposition or "niet" ("Ik ben boos op de
# moeder van [PERSOON-1]" is about something that happened).
_BETWEEN = r"(?: (?!(?:op|met|tegen|over|bij|voor|aan|naar|door|om|niet|geen)\b)\w+){0,4}"
_INTRODUCTION = re.compile(
    r"\b(?:mijn|onze) (?:naam is|namen zijn)\b"
    r"|\b(?:ik heet|wij heten|we heten|ondergetekende)\b"
    r"|\beven voorstellen\b"
    r"|\bstel(?:t|len)? (?:ik |wij |we )?(?:mij|me|ons|mijzelf|onszelf) (?:\w+ )?voor\b"
    r"|^\W*(?:ik ben|wij zijn|we zijn),? \[PERSOON"
    r"|\b(?:ik|wij|we), \[PERSOON-\d+\],"
    rf"|^\W*(?:ik ben|wij zijn|we zijn)\b{_BETWEEN} (?:{_KIN}) van \[PERSOON",
    re.IGNORECASE,
)
_NEAR = 0.8  # word-sequence similarity from which two quotes say the same
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


def whole(sentence: str) -> bool:
    """Whether ``sentence`` is one whole sentence of a quotable length."""
    s = sentence.strip()
    if not MIN_CHARS <= len(s) <= MAX_CHARS:
        return False
    if not _STARTS.match(s) or not _ENDS.search(s):
        return False
    if (m := _LAST_WORD.search(s)) and _abbreviation(m[1].strip(_OPEN)):
        return False
    # an opened quote or bracket that the sentence does not close: a piece
    if s.count('"') % 2 or any(s.count(a) != s.count(b) for a, b in _PAIRS):
        return False
    return reads_well(s)


def reads_well(sentence: str) -> bool:
    """Not an address line, not a self-introduction and not mostly placeholders."""
    labels = [m["label"] for m in PLACEHOLDER.finditer(sentence)]
    if any(label in _ADMIN for label in labels):
        return False
    if _INTRODUCTION.search(sentence.strip()):
        return False
    return len(labels) <= _MAX_PLACEHOLDER_SHARE * len(sentence.split())


def _abbreviation(word: str) -> bool:
    """'bijv', 'o.a' or an initial ('J'): the word before a full stop that ends no sentence."""
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def tidy(sentence: str) -> str:
    """The sentence as quoted: one line, and "in <maand>" where a generalised day left "op"."""
    s = " ".join(sentence.split())
    return _MONTH_AFTER_OP.sub(lambda m: ("I" if m[1] == "O" else "i") + "n" + m[2], s)


def _near(a: str, b: str) -> bool:
    """Nearly the same sentence ('... mijn zoon ...' and '... mijn dochter ...')."""
    return SequenceMatcher(None, a.lower().split(), b.lower().split()).ratio() >= _NEAR


def choose(candidates: Iterable[str], n: int) -> list[str]:
    """The first ``n`` whole sentences of ``candidates`` (best first), tidied, without repeats
    or near-repeats."""
    out: list[str] = []
    for sentence in candidates:
        if not whole(sentence):
            continue
        q = tidy(sentence)
        if not any(_near(q, o) for o in out):
            out.append(q)
            if len(out) == n:
                break
    return out
