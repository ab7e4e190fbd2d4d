"""Does a text name the youth-protection chain at all?

The complaint gate is learned from words, and a grievance about a day-care centre, a hospital or
a shop speaks as a complaint does; a child's story can too. What none of them does is name the
chain: a family guardian, a measure, a court, a certified institution, foster care
(``chain.toml``, and the organisations of ``nlp/metadata/organisations.toml`` except the local
teams). Across every labelled complaint of 80 words or more (the maintainers' data, the own
texts and the hand-written letters, over 3,300) not one names none of these, while a shorter
note ("ik wil een andere begeleider") may well leave it out. So a text of at least
``MIN_WORDS`` words that names no part of the chain is no complaint about youth protection,
whatever the model's probabilities.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from pathlib import Path

from nlp.metadata.organisation import ORGANISATIONS_FILE, kinds, organisation

CHAIN_FILE = Path(__file__).with_name("chain.toml")
MIN_WORDS = 80  # shorter texts are judged by the model alone
CHAIN_KINDS = frozenset({"gi", "keten", "gi-generiek"})  # not "wijk": local teams


@functools.cache
def digest() -> str:
    """Fingerprint of the lists the rule reads: an edit may change stored decisions."""
    h = hashlib.sha256()
    for path in (CHAIN_FILE, ORGANISATIONS_FILE):
        h.update(path.read_bytes())
    return h.hexdigest()[:8]


@functools.cache
def _patterns(path: Path = CHAIN_FILE) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(lowercase patterns, patterns matched as written)."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    if any(p != p.lower() for p in raw["patterns"]):
        raise ValueError(f"{path.name}: 'patterns' are matched against lowercase text")
    return tuple(
        re.compile("|".join(f"(?:{p})" for p in raw[k])) for k in ("patterns", "exact_case")
    )


def names_the_chain(text: str) -> bool:
    """A role, measure, placement or body of the chain, or one of its organisations."""
    lowercase, exact = _patterns()
    if lowercase.search(text.lower()) or exact.search(text):
        return True
    return kinds().get(organisation(text)) in CHAIN_KINDS


def outside_the_chain(text: str) -> bool:
    """A text long enough to be sure of it that names no part of the chain."""
    return len(text.split()) >= MIN_WORDS and not names_the_chain(text)
