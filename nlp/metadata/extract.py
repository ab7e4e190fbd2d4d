"""Coarse metadata, read from the raw text before anonymisation removes it.

Only categories leave this module (a municipality, an organisation, a role, a measure): never a
name, an address or a quote. Each field falls back to "onbekend" rather than guessing.

- municipality: the place in the sender's address (after a postcode) or "gemeente X", mapped to
  the official municipality name when that place is itself a municipality (deduce's list of
  municipalities). A village is not mapped to its municipality: no offline list of residences per
  municipality is at hand, so such letters count as "onbekend".
- organisation: the GI or chain partner named most often (``organisations.toml``).
- complainant role and measure: Dutch phrasings, most specific first.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from nlp.anonymise.lexicons import _deduce_list

UNKNOWN = "onbekend"
ROLES = ("moeder", "vader", "jongere", "pleegouder", "grootouder", "advocaat/hulpverlener", UNKNOWN)
MEASURES = ("drang/vrijwillig", "OTS", "UHP", "voogdij", UNKNOWN)

_ALIASES = {"den haag": "'s-Gravenhage", "den bosch": "'s-Hertogenbosch"}
_PARTICLES = {"op", "aan", "de", "den", "der", "en", "in", "bij", "het", "a/d", "ter"}
_NAME = r"([A-Z'][\w'\-]+(?:[ \-](?:[A-Z][\w'\-]+|op|aan|de|den|der|en|in|bij|het|ter))*)"
_POSTCODE_PLACE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\s+" + _NAME)
_GEMEENTE = re.compile(r"\b[Gg]emeente\s+" + _NAME)

# (role, pattern): the first role whose pattern matches wins, so the most specific come first.
_ROLES: list[tuple[str, re.Pattern[str]]] = [
    (
        "advocaat/hulpverlener",
        re.compile(
            r"\b(namens (mijn|onze) cliënt|mijn cliënte?|als (advocaat|hulpverlener|mentor|"
            r"begeleider|vertrouwenspersoon))\b",
            re.I,
        ),
    ),
    (
        "pleegouder",
        re.compile(
            r"\b(als pleeg(ouder|moeder|vader|ouders)|ons pleeg(kind|zoon|"
            r"dochter)|mijn pleeg(kind|zoon|dochter)|wij zijn pleegouders)\b",
            re.I,
        ),
    ),
    (
        "grootouder",
        re.compile(
            r"\b(mijn|ons|onze) (klein(kind|zoon|dochter|kinderen))\b|"
            r"\bals (oma|opa|grootouders?)\b",
            re.I,
        ),
    ),
    (
        "jongere",
        re.compile(
            r"\b(ik ben (\d{1,2}|jong)|mijn (moeder|vader|ouders) (is|zijn|wil|"
            r"mag)|mijn eigen gezinsvoogd|ik woon in een (leefgroep|pleeggezin))\b",
            re.I,
        ),
    ),
    ("moeder", re.compile(r"\b(als (de )?moeder|ik ben de moeder|moeder van)\b", re.I)),
    ("vader", re.compile(r"\b(als (de )?vader|ik ben de vader|vader van)\b", re.I)),
]
_MEASURES: list[tuple[str, re.Pattern[str]]] = [
    ("voogdij", re.compile(r"\b(voogdij|gezagsbeëindig|beëindiging van het gezag)", re.I)),
    ("UHP", re.compile(r"\b(uithuisplaatsing|uit huis geplaatst|machtiging tot|UHP)\b", re.I)),
    ("OTS", re.compile(r"\b(ondertoezichtstelling|onder toezicht|OTS)\b", re.I)),
    (
        "drang/vrijwillig",
        re.compile(
            r"\b(drang|vrijwillig(e)? (kader|hulp)|preventieve "
            r"jeugdbescherming)",
            re.I,
        ),
    ),
]


@dataclass(frozen=True)
class Metadata:
    municipality: str = UNKNOWN
    organisation: str = UNKNOWN
    complainant_role: str = UNKNOWN
    measure: str = UNKNOWN


@functools.cache
def _municipalities() -> dict[str, str]:
    names = {}
    for raw in _deduce_list("locations", "lst_placename", "lst_municipality"):
        words = raw.split(" ")
        official = " ".join(
            [words[0], *(w.lower() if w.lower() in _PARTICLES else w for w in words[1:])]
        )
        if official.lower().startswith("'s-"):
            official = "'s-" + official[3:]
        names[raw.lower()] = official
    names.update({alias: official for alias, official in _ALIASES.items()})
    return names


@functools.cache
def _organisations() -> list[tuple[str, list[re.Pattern[str]]]]:
    data = tomllib.loads(Path(__file__).with_name("organisations.toml").read_text("utf-8"))
    return [(o["name"], [re.compile(p, re.I) for p in o["patterns"]]) for o in data["organisation"]]


def _municipality(text: str) -> str:
    known = _municipalities()
    found = Counter()
    for pattern, weight in ((_POSTCODE_PLACE, 3), (_GEMEENTE, 2)):
        for m in pattern.finditer(text):
            words = m.group(1).split()
            for n in range(len(words), 0, -1):  # longest known prefix ("Bergen op Zoom")
                name = " ".join(words[:n]).lower()
                if name in known:
                    found[known[name]] += weight
                    break
    return found.most_common(1)[0][0] if found else UNKNOWN


def _organisation(text: str) -> str:
    counts = Counter()
    for i, (name, patterns) in enumerate(_organisations()):
        n = sum(len(p.findall(text)) for p in patterns)
        if n:
            counts[(name, i)] = n
    if not counts:
        return UNKNOWN
    named = [(n, -i, name) for (name, i), n in counts.items() if "niet genoemd" not in name]
    if named:  # a named organisation beats the generic "GI"
        return max(named)[2]
    return next(iter(counts))[0]


def _first(rules: list[tuple[str, re.Pattern[str]]], text: str) -> str:
    return next((name for name, pattern in rules if pattern.search(text)), UNKNOWN)


def extract(raw_text: str) -> Metadata:
    return Metadata(
        municipality=_municipality(raw_text),
        organisation=_organisation(raw_text),
        complainant_role=_first(_ROLES, raw_text),
        measure=_first(_MEASURES, raw_text),
    )
