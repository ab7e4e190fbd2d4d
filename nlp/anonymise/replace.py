"""Replacement policy: typed, numbered placeholders consistent within a document.

- Names share a number per coreference cluster; other labels per distinct value.
- Dates of birth are removed (``[GEBOORTEDATUM]``).
- Other exact dates become month and year ("4 juli 2023" -> "juli 2023"): the timing matters
  for the theme tijdigheid, the day does not. A day takes "op", a month "in": "op 4 juli 2023"
  becomes "in juli 2023", not "op juli 2023" (the same number of characters).
- Labels listed in ``keep`` are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.anonymise.coref import clusters
from nlp.anonymise.lexicons import MONTH_ABBR
from schemas.dutch_calendar import MONTHS
from schemas.entities import EntityLabel
from schemas.records import Entity

_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.]['’]?(\d{2,4})")
_WORDY = re.compile(r"(\d{1,2})\D*?\s+(?:of\s+)?([a-z]+)\.?(?:\s+((?:19|20)\d{2}|'\d{2}))?", re.I)
_MONTH_FIRST = re.compile(r"([a-z]+)\.?\s+\d{1,2}\D*?\s((?:19|20)\d{2})", re.I)


def generalise_date(raw: str) -> str:
    """'4 juli 2023' -> 'juli 2023'; '16-04-2024' -> 'april 2024'; '9 oktober' -> 'oktober'."""
    m = _NUMERIC.search(raw)
    if m:
        month = int(m.group(2))
        year = m.group(3)
        if len(year) == 2:
            year = ("20" if int(year) < 50 else "19") + year
        if 1 <= month <= 12:
            return f"{MONTHS[month - 1]} {year}"
        return "[DATUM]"
    m = _WORDY.search(raw) or _MONTH_FIRST.search(raw)
    if m and m.re is _MONTH_FIRST:  # "March 2, 2025"
        month_no = MONTH_ABBR.get(m.group(1).lower()[:4]) or MONTH_ABBR.get(m.group(1).lower()[:3])
        return f"{MONTHS[month_no - 1]} {m.group(2)}" if month_no else "[DATUM]"
    if m:
        word = m.group(2).lower()
        month_no = MONTH_ABBR.get(word[:4]) or MONTH_ABBR.get(word[:3])
        if month_no is None:
            return "[DATUM]"
        month = MONTHS[month_no - 1]
        year = m.group(3)
        if year and year.startswith("'"):
            year = "20" + year[1:]
        return f"{month} {year}" if year else month
    return "[DATUM]"


# "op" right before a date: Dutch says "op 4 juli" but "in juli" (the preposition of a month).
_DAY_PREPOSITION = re.compile(r"\b([Oo])p(\s+)$")


def month_preposition(before: str, generalised: str) -> str:
    """The text before a date, with "op" turned into "in" when the date became a month."""
    if generalised.startswith("["):
        return before  # a placeholder: "op [DATUM]" still reads as a day
    return _DAY_PREPOSITION.sub(lambda m: ("I" if m[1] == "O" else "i") + "n" + m[2], before)


@dataclass
class Policy:
    generalise_dates: bool = True
    keep: frozenset[str] = field(default_factory=frozenset)
    off: frozenset[str] = field(default_factory=frozenset)  # recognisers switched off, by name


def replace(text: str, entities: list[Entity], policy: Policy | None = None) -> str:
    policy = policy or Policy()
    person_cluster = clusters(text, entities)
    numbers: dict[tuple[str, str], int] = {}
    counters: dict[str, int] = {}
    out: list[str] = []
    pos = 0
    for idx, e in enumerate(entities):
        out.append(text[pos : e.start])
        raw = text[e.start : e.end]
        if e.label in policy.keep:
            out.append(raw)
        elif e.label == EntityLabel.DATUM and policy.generalise_dates:
            month = generalise_date(raw)
            out[-1] = month_preposition(out[-1], month)
            out.append(month)
        elif e.label == EntityLabel.DATUM:
            out.append("[DATUM]")
        elif e.label == EntityLabel.GEBOORTEDATUM:
            out.append("[GEBOORTEDATUM]")
        else:
            key = (
                f"cluster-{person_cluster[idx]}"
                if e.label == EntityLabel.PERSOON
                else re.sub(r"\W", "", raw.lower())
            )
            if (e.label, key) not in numbers:
                counters[e.label] = counters.get(e.label, 0) + 1
                numbers[(e.label, key)] = counters[e.label]
            out.append(f"[{e.label}-{numbers[(e.label, key)]}]")
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
