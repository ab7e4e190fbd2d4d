"""Schools, childcare, care providers, employers and clubs (INSTELLING).

Three patterns: a type word followed by a capitalised name ("basisschool Het Palet",
"OBS De Linde"), employment phrases ("werkt bij Bakkerij Jansen"), and a company name with its
legal form ("LDM Insight B.V.", the legal form included: a name is never cut inside it). A name
ending in College, Lyceum, Gymnasium or Academie is an institution on its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from spacy.lang.nl.stop_words import STOP_WORDS

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "instelling"
LABEL = EntityLabel.INSTELLING
labels = frozenset({LABEL})
_NAME = r"(?:(?:[A-Z][\w'’&-]*|de|het|van|der|den|'t|op|aan|in|en)[ \t]){0,4}[A-Z0-9][\w'’&-]*"
_WORK = re.compile(
    r"(?:w(?<!\w.)erk(?:t|te|zaam)?|s(?<!\w.)tage|i(?<!\w.)n dienst|v(?<!\w.)rijwilliger)"
    rf"\s+(?:bij|op|in)\s+(?P<name>{_NAME})"
)
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # spaces, or one line break
_LEGAL = r"(?:B\.[ \t]?V\.?|N\.[ \t]?V\.?|V\.O\.F\.?|C\.V\.|BV|NV|VOF)(?![\w.]\w)"
_COMPANY_WORD = r"(?:[A-Z0-9][\w'’&.-]*|&|van|de|der|den|het|'t|en|op|aan)"
_COMPANY = re.compile(rf"(?<![\w.])(?:{_COMPANY_WORD}[ \t]+){{1,6}}{_LEGAL}")
_SCHOOL_SUFFIX = re.compile(
    r"[A-Z](?<!\w.)[\w'’-]*\s+(?:[A-Z][\w'’-]*\s+){0,2}"
    r"(?:College|Lyceum|Gymnasium|Academie|Scholengemeenschap)\b"
)


@functools.cache
def _type_pattern(types: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation for all type words: a single pass over the text."""
    words = "|".join(re.escape(w) for w in sorted(types, key=len, reverse=True))
    # The look-ahead (the type words' first letters) only lets the engine skip quickly.
    starts = "".join(sorted({re.escape(w[0]) for w in types if w}))
    ahead = f"(?=(?i:[{starts}]))" if starts and all(types) else ""
    # The name may follow on the next line (a wrapped PDF line), never after a blank line: what
    # starts a new paragraph ("Stichting\n\nWat is er gebeurd?") is no name.
    return re.compile(rf"\b{ahead}(?P<type>(?i:{words})){_GAP}(?P<name>{_NAME})")


def find(ctx: Context) -> Iterator[Entity]:
    text = ctx.text
    types = ctx.lex.institution_types
    for m in _type_pattern(tuple(types)).finditer(text):
        name = m.group("name")
        if not name[:1].isupper() and not name[:1].isdigit():
            continue
        keep = types.get(m.group("type").lower(), False)
        start = m.start() if keep and m.group()[:1].isupper() else m.start("name")
        yield entity(start, m.end("name"), LABEL, "institution-type")
    for m in _WORK.finditer(text):
        yield entity(m.start("name"), m.end("name"), LABEL, "institution-work", 0.8)
    for m in _COMPANY.finditer(text):
        start = m.start()
        words = m.group().split()
        # a sentence's first word before the name ("Gisteren Hendriks BV") is not part of it
        while len(words) > 2 and (words[0].lower() in STOP_WORDS or not words[0][:1].isupper()):
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        yield entity(start, m.end(), LABEL, "institution-legal-form")
    for m in _SCHOOL_SUFFIX.finditer(text):
        yield entity(m.start(), m.end(), LABEL, "institution-school")
