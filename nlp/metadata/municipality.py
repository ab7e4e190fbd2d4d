"""Where the family lives, as a municipality (``places.py`` maps places, villages included, to
their municipality).

Evidence, strongest first: "ik woon in X" / "wij wonen in X" / "woonachtig te X"; the writer's
address (a postcode and a place); the place in a dated heading or closing ("Emmen, 14 maart
2024"); "gemeente X"; "uit X" after a person ("een vader uit Nieuwegein"); and, weakest, a
family or child living somewhere ("zij woont bij haar moeder in Amsterdam", "een gezin in
Apeldoorn"). Addresses of the ombudsman, a law firm or another organisation are skipped, and for
professionals (advocaat, vertrouwenspersoon, hulpverlener) the address and the heading place are
their office's, so only what they say about the family counts. No evidence: "onbekend".
"""

from __future__ import annotations

import re
from collections import Counter

from nlp.metadata.places import longest_name, municipality_of

UNKNOWN = "onbekend"
_PARTICLES = r"aan|op|in|bij|en|de|den|der|het|ter|ten|a/d"
_NAME = rf"((?:['’]s[-\s])?[A-ZÀ-Þ][\w'’\-]*(?:[ \-](?:[A-ZÀ-Þ][\w'’\-]*|{_PARTICLES})){{0,4}})"
# A residence clause ("ik woon sinds kort in een pleeggezin in Enschede", "wij wonen in Houten",
# "woonachtig te Tilburg"): every "in/te <name>" in it is a candidate, the first known place wins.
_RESIDENCE = re.compile(
    r"\b(?:woon|(?:wij|we)\s+wonen|woonachtig|wonende?|mijn\s+adres\s+is)\b[^.;!?]{0,60}", re.I
)
_IN = re.compile(r"\b(?:in|te)\s+(?:de\s+gemeente\s+)?", re.I)
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\s+" + _NAME)
_HEADING = re.compile(r"^\s*" + _NAME + r"\s*,?\s+(?:(?i:\w+dag)\s+)?\d{1,2}[\s\-/.]", re.M)
_GEMEENTE = re.compile(r"\b[Gg]emeente\s+" + _NAME)
_FROM = re.compile(
    r"\b(?:moeder|vader|ouders|gezin|familie|jongen|meisje|jongere|oma|opa|grootouders|"
    r"pleegouders|cliënte?|tante|oom)\s+uit\s+" + _NAME,
    re.I,
)
_LIVES = re.compile(
    r"\b(?:woont|wonen|woonde|verblijft|opgroeit|gezin|gezinnen)\b[^.\n]{0,40}?\bin\s+" + _NAME,
    re.I,
)
_ORGANISATION_ADDRESS = re.compile(
    r"ombudsman|postbus|advoca|kantoor|praktijk|stichting|b\.v\.|\bbv\b|raad\s+voor|"
    r"jeugdbescherming|rechtbank|gemeente\s|veilig\s+thuis|samen\s+veilig|akj|gi\b",
    re.I,
)
_PROFESSIONALS = {"advocaat", "vertrouwenspersoon", "hulpverlener"}


def municipality(text: str, role: str = UNKNOWN) -> str:
    office = role in _PROFESSIONALS
    found: Counter[str] = Counter()
    order: dict[str, int] = {}

    def add(name: str, weight: int, at: int) -> None:
        m = _lookup(name)
        if m is not None:
            found[m] += weight
            order.setdefault(m, at)

    for m in _RESIDENCE.finditer(text):
        clause = m.group(0)
        for at in _IN.finditer(clause):
            words = re.split(r"[\s,;:()]+", clause[at.end() :].strip())
            if _lookup(" ".join(words[:5])) is not None:
                add(" ".join(words[:5]), 5, m.start())
                break
    for m in _POSTCODE.finditer(text):
        if not office and not _organisation_block(text, m.start()):
            add(m.group(1), 3, m.start())
    for m in _HEADING.finditer(text):
        if not office:
            add(m.group(1), 3, m.start())
    for m in _GEMEENTE.finditer(text):
        add(m.group(1), 2, m.start())
    for m in _FROM.finditer(text):
        add(m.group(1), 3, m.start())
    for m in _LIVES.finditer(text):
        add(m.group(1), 2 if office else 1, m.start())
    if not found:
        return UNKNOWN
    return max(found, key=lambda k: (found[k], -order[k]))


def _lookup(name: str) -> str | None:
    """The longest leading run of words that is a known place ("Bergen op Zoom", not "Bergen")."""
    words = name.replace("’", "'").split()
    for n in range(min(len(words), longest_name()), 0, -1):
        found = municipality_of(" ".join(words[:n]))
        if found is not None:
            return found
    return None


def _organisation_block(text: str, at: int) -> bool:
    """An address under a line that names an organisation (the ombudsman, a law firm)."""
    block = text[max(0, at - 160) : at]
    lines = block.splitlines()[-3:]
    return any(_ORGANISATION_ADDRESS.search(line) for line in lines)
