"""Word lists the recognisers share, loaded once per process.

Name and place lists come from the deduce package (LGPL-3; its data files are read, unmodified,
from the installed package without importing or running deduce). The Dutch vocabulary, used to
tell a lowercase name from an ordinary word, is spaCy's Dutch lemma lookup table. Lists of our
own (chain organisations, titles, roles, institution types) live in ``data/`` beside this file.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from schemas.dutch_calendar import MONTHS

DATA = Path(__file__).parent / "data"

MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9, "okt": 10, "mrt": 3}
MONTH_ABBR |= {"mar": 3, "may": 5, "oct": 10}  # English months whose first letters differ
INTERFIXES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "ten",
        "ter",
        "te",
        "op",
        "in",
        "'in",
        "el",
        "al",
        "ben",
        "bin",
        "von",
        "du",
        "da",
        "dos",
        "di",
        "le",
        "la",
        "del",
    ]
)

# Legal forms of companies: part of an organisation's name, never a person's initials.
LEGAL_FORMS = frozenset(["B.V.", "B.V", "BV", "N.V.", "N.V", "NV", "V.O.F.", "VOF", "C.V."])


def fold(word: str) -> str:
    """Without diacritics: "jesús" -> "jesus", "zoë" -> "zoe" (the name lists hold most names
    in one spelling only)."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )


class NameSet(frozenset[str]):
    """A set of lowercased names that also finds a word written with diacritics the list
    lacks ("Jesús", "Lucía", "Çelik")."""

    def __contains__(self, word: object) -> bool:
        if frozenset.__contains__(self, word):
            return True
        return (
            isinstance(word, str)
            and not word.isascii()
            and frozenset.__contains__(self, fold(word))
        )


def read_data(name: str) -> list[str]:
    """The lines of a word list in ``data/`` (comments and blank lines dropped)."""
    return _read_lines(DATA / name)


def read_sections(name: str) -> dict[str, list[str]]:
    """A word list in ``data/`` split into its ``[section]`` parts."""
    out: dict[str, list[str]] = {}
    current = ""
    for line in read_data(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        out.setdefault(current, []).append(line)
    return out


def _read_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def _deduce_src() -> Path | None:
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return None
    src = Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"
    return src if src.is_dir() else None


def _deduce_list(*parts: str) -> list[str]:
    src = _deduce_src()
    if src is None:
        return []
    path = src.joinpath(*parts, "items.txt")
    return _read_lines(path) if path.is_file() else []


@dataclass(frozen=True)
class Lexicons:
    first_names: frozenset[str]  # lowercased
    surnames: frozenset[str]  # lowercased, single tokens
    places: frozenset[str]  # lowercased, may be multiword
    municipalities: frozenset[str]
    regions: frozenset[str]  # provinces, regions and places: may follow a chain organisation
    streets: frozenset[str]  # lowercased, may be multiword
    vocabulary: frozenset[str]  # Dutch word forms, lowercased
    # The most frequent Dutch words, first names that are also words included ("nam", "ken",
    # "storm") and English function words: a lowercase one is never taken as a name unless
    # something announces it.
    common: frozenset[str]
    chain_orgs: tuple[str, ...]
    titles: frozenset[str]
    roles: frozenset[str]
    role_suffixes: tuple[str, ...]  # roles of five letters or more: compounds end in them
    institution_types: dict[str, bool]  # lowercased word -> capitalised word is part of name
    source: str
    # Our own first names (``data/first_names_horn.txt``) and the words they took out of the
    # vocabulary: the name-likeness model trains without both, on the deduce lists alone.
    own_first_names: frozenset[str] = frozenset()
    own_not_words: frozenset[str] = frozenset()

    def is_dutch_word(self, token: str) -> bool:
        return token.lower() in self.vocabulary

    def is_role(self, word: str) -> bool:
        """A role word, also inside a compound ("gezinshuisouder", "pleegzorgbegeleider")."""
        word = word.lower()
        return word in self.roles or (len(word) > 6 and word.endswith(self.role_suffixes))


def _vocabulary(first_names: set[str]) -> frozenset[str]:
    """Ordinary Dutch words: spaCy's lemma table plus the 80,000 most frequent Dutch words
    (wordfreq) that are not first names. Lets "Burgemeester" or "Stichting" stand, while
    "Yasmina" stays a name."""
    import importlib.resources as resources

    words: set[str] = set()
    try:
        from wordfreq import top_n_list

        words.update(w for w in top_n_list("nl", 80_000) if w not in first_names)
    except ModuleNotFoundError:
        pass
    try:
        path = resources.files("spacy_lookups_data") / "data" / "nl_lemma_lookup.json.gz"
        with gzip.open(str(path), "rt", encoding="utf-8") as fh:
            table = json.load(fh)
        words.update(k.lower() for k in table)
        words.update(v.lower() for v in table.values())
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    from spacy.lang.nl.stop_words import STOP_WORDS

    words.update(STOP_WORDS)
    return frozenset(words)


def _common_words(n: int = 2000) -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP

    words: set[str] = set(EN_STOP)
    try:
        from wordfreq import top_n_list

        words.update(top_n_list("nl", n))
    except ModuleNotFoundError:
        pass
    return frozenset(words)


def _dutch_zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ModuleNotFoundError:
        return 0.0
    return zipf_frequency(word, "nl")


@functools.cache
def load() -> Lexicons:
    first = {n.lower() for n in _deduce_list("names", "lst_first_name")}
    # Our own additions: names of communities the deduce list covers thinly.
    own_first = {n.lower() for n in _read_lines(DATA / "first_names_horn.txt")} - first
    sur = {n.lower() for n in _deduce_list("names", "lst_surname") if " " not in n}
    sur |= {
        n.split()[-1].lower() for n in _deduce_list("names", "lst_interfix_surname") if n.split()
    }
    places = {p.lower() for p in _deduce_list("locations", "lst_placename", "lst_residence")}
    munis = {p.lower() for p in _deduce_list("locations", "lst_placename", "lst_municipality")}
    regions = {
        p.lower()
        for sub in ("lst_region", "lst_province")
        for p in _deduce_list("locations", "lst_placename", sub)
    }
    streets = {s.lower() for s in _deduce_list("locations", "lst_street")}
    not_places = {p.lower() for p in _read_lines(DATA / "not_places.txt")}
    common = {w.lower() for w in _deduce_list("whitelist", "lst_common_word")}
    vocab = _vocabulary(first) | common
    # A name of our own that the word lists hold but Dutch text rarely uses ("mehari", a
    # racing camel; "ruta") is no Dutch word here.
    own_not_words = frozenset(w for w in own_first if w in vocab and _dutch_zipf(w) < 3.0)
    vocab -= own_not_words
    first |= own_first
    inst: dict[str, bool] = {}
    for line in _read_lines(DATA / "institution_types.txt"):
        word, _, flag = line.partition(" ")
        inst[word.lower()] = inst.get(word.lower(), False) or flag.strip() == "!keep"
    roles = frozenset(r.lower() for r in _read_lines(DATA / "roles.txt"))
    return Lexicons(
        first_names=NameSet(first | {fold(n) for n in first}),
        surnames=NameSet(sur | {fold(n) for n in sur}),
        places=frozenset((places | munis) - not_places),
        municipalities=frozenset(munis),
        regions=frozenset(places | munis | regions),
        streets=frozenset(streets),
        vocabulary=vocab,
        common=_common_words(),
        chain_orgs=tuple(_read_lines(DATA / "chain_organisations.txt")),
        titles=frozenset(t.lower() for t in _read_lines(DATA / "titles.txt")),
        roles=roles,
        role_suffixes=tuple(r for r in roles if len(r) >= 5 and " " not in r),
        institution_types=inst,
        source="deduce-lists" if first else "geen naamlijsten",
        own_first_names=frozenset(own_first),
        own_not_words=own_not_words,
    )
