"""Entity labels: the one vocabulary for the kinds of personal data the anonymiser redacts.

The order of the members is the overlap priority: when two proposed spans overlap, the label
listed first wins (validated identifiers beat names, names beat places). Placeholders in the
anonymised text are ``[LABEL-n]`` (``[GEBOORTEDATUM]`` without a number).
"""

from __future__ import annotations

import re
from enum import StrEnum


class EntityLabel(StrEnum):
    EMAIL = "EMAIL"
    URL = "URL"
    IBAN = "IBAN"
    BSN = "BSN"
    TELEFOON = "TELEFOON"
    ZAAKNUMMER = "ZAAKNUMMER"
    KENTEKEN = "KENTEKEN"
    GEBOORTEDATUM = "GEBOORTEDATUM"
    POSTCODE = "POSTCODE"
    ADRES = "ADRES"
    DATUM = "DATUM"
    PERSOON = "PERSOON"
    INSTELLING = "INSTELLING"
    PLAATS = "PLAATS"


PRIORITY: dict[str, int] = {label.value: rank for rank, label in enumerate(EntityLabel)}

# Labels for names of people, places and organisations: the chain-organisation allow-list
# applies to these (an identifier such as a phone number is never "a chain organisation").
NAME_LABELS = frozenset({EntityLabel.PERSOON, EntityLabel.INSTELLING, EntityLabel.PLAATS})

# A placeholder in anonymised text: ``[PERSOON-2]``, ``[GEBOORTEDATUM]``.
PLACEHOLDER = re.compile(r"\[(?P<label>[A-Z]+)(?:-(?P<n>\d+))?\]")
