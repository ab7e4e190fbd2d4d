"""Coarse metadata, read from the raw text before anonymisation removes it.

Only categories leave this module (a municipality, an organisation, a role, a measure): never a
name, an address or a quote. Each field falls back to "onbekend" rather than guessing. One module
per field: ``role.py`` (how writers introduce themselves), ``organisation.py`` (the maintained
list ``organisations.toml``), ``municipality.py`` (with ``places.py``: villages map to their
municipality); the measure is here. Accuracy per field on our own annotated letters:
``scripts/eval_metadata.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.metadata.municipality import municipality
from nlp.metadata.organisation import organisation
from nlp.metadata.role import ROLES, UNKNOWN, complainant_role

MEASURES = ("drang/vrijwillig", "OTS", "UHP", "voogdij", UNKNOWN)

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

__all__ = ["MEASURES", "ROLES", "UNKNOWN", "Metadata", "extract"]


@dataclass(frozen=True)
class Metadata:
    municipality: str = UNKNOWN
    organisation: str = UNKNOWN
    complainant_role: str = UNKNOWN
    measure: str = UNKNOWN


def _first(rules: list[tuple[str, re.Pattern[str]]], text: str) -> str:
    return next((name for name, pattern in rules if pattern.search(text)), UNKNOWN)


def extract(raw_text: str) -> Metadata:
    role = complainant_role(raw_text)
    return Metadata(
        municipality=municipality(raw_text, role),
        organisation=organisation(raw_text),
        complainant_role=role,
        measure=_first(_MEASURES, raw_text),
    )
