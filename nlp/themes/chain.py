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
import re
import tomllib
from pathlib import Path

from nlp.metadata.organisation import kinds, organisation

CHAIN_FILE = Path(__file__).with_name("chain.toml")
MIN_WORDS = 80  # shorter texts are judged by the model alone
CHAIN_KINDS = frozenset({"gi", "keten", "gi-generiek"})  # not "wijk": local teams


@functools.cache
def _patterns(path: Path = CHAIN_FILE) -> re.Pattern[str]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["patterns"]
    return re.compile("|".join(f"(?:{p})" for p in raw))


def names_the_chain(text: str) -> bool:
    if _patterns().search(text.lower()):
        return True
    return kinds().get(organisation(text)) in CHAIN_KINDS


def outside_the_chain(text: str) -> bool:
    """A text long enough to be sure of it that names no part of the chain."""
    return len(text.split()) >= MIN_WORDS and not names_the_chain(text)
