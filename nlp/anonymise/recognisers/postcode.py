"""Dutch postcodes (1234 AB, 1234AB), validated with python-stdnum.

PostNL never issues the letter pairs SA, SD and SS, so stdnum rejects them; but a person who
writes one (a typo, a made-up example) still wrote their address. Those are taken when a place
name or the end of the line follows, as on the address line of a letter.

Foreign postcodes (five digits in Germany, France, Italy, Spain, Turkey; four in Belgium,
Switzerland, Austria, Denmark; "00-950" in Poland;
with a country letter: "D-47051") are only numbers by themselves; they count in the shape of
an address: before a capitalised town, right after a house number (on the line before or
after a comma: "Königstraße 12\n47051 Duisburg", "ul. Piłsudskiego 48/7, 50-032 Wrocław").
The town after such a postcode is a PLAATS: foreign towns are mostly missing from the list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.nl import postcode as stdnum_postcode

from nlp.anonymise.context import Context, entity
from nlp.anonymise.lexicons import read_sections
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "postcode"
LABEL = EntityLabel.POSTCODE
labels = frozenset({LABEL, EntityLabel.PLAATS})
# Case-sensitive on purpose: "2016 is" must not match.
# The first character, then the look-behind (over it and the one before): the same matches,
# but the engine jumps between candidate characters instead of trying every position.
_RE = re.compile(r"[1-9](?<!\w.)\d{3}\s?[A-Z]{2}\b")
_UNISSUED = ("SA", "SD", "SS")
_PLACE_OR_EOL = re.compile(r"[ \t]*(?:$|\n|[A-Z][a-z])")
_FOREIGN = re.compile(r"\d(?<!\w\d)(?:\d{3,4}|\d-\d{3})(?=[ \t]+(?P<town>[A-ZÀ-ÞŁŚŻĆŃ][^\W\d_]+))")
_TOWN_SECOND = re.compile(r"[ \t-]([A-ZÀ-ÞŁŚŻĆŃ][^\W\d_]{2,})")
_TOWN_END = re.compile(r"[ \t]*(?:[,;/)]|$|\n)", re.M)
_COUNTRY = re.compile(r"(?<![\w-])[A-Z]{1,2}-$")
_HOUSE_NUMBER_BEFORE = re.compile(
    r"\d[a-zA-Z]?(?:/\d{1,4}[a-z]?)?[ \t]*(?:,[ \t]*|[ \t]*\n[ \t]*)$"
)


def find(ctx: Context) -> Iterator[Entity]:
    seen: set[tuple[int, int]] = set()
    for text in ctx.numeric_texts:  # "3O12 AB": also with OCR's look-alikes read as digits
        for m in _RE.finditer(text):
            code = m.group()
            if m.span() in seen:
                continue
            if stdnum_postcode.is_valid(code) or (
                code[-2:] in _UNISSUED and _PLACE_OR_EOL.match(text, m.end())
            ):
                seen.add(m.span())
                yield entity(m.start(), m.end(), LABEL, "postcode")
    text = ctx.text
    yield from _lowercase(ctx)
    for m in _FOREIGN.finditer(text):
        town, town_end = m.group("town"), m.end("town")
        if town.lower() in ctx.lex.common and town.lower() not in ctx.lex.places:
            # "9000 Gent, België", "32000 Al Hoceima": a town that is also a word ends the
            # address line or has a second name word; "12\n25000 Mensen kwamen" is a count.
            second = _TOWN_SECOND.match(text, town_end)
            if second and second.group(1).lower() not in ctx.lex.common:
                town_end = second.end(1)
            elif not _TOWN_END.match(text, town_end):
                continue
        country = _COUNTRY.search(text, max(0, m.start() - 3), m.start())  # "D-47051"
        if country is None and m.start() and text[m.start() - 1] == "-":
            continue  # part of a longer code
        start = country.start() if country else m.start()
        if _HOUSE_NUMBER_BEFORE.search(text, max(0, start - 40), start):
            yield entity(start, m.end(), LABEL, "postcode-foreign", 0.9)
            # the town after it: foreign towns are mostly missing from the place list
            yield entity(m.start("town"), town_end, EntityLabel.PLAATS, "postcode-town", 0.8)


# Written in lowercase ("9404 gh"): a postcode only in an address, after a street and house
# number or before a listed place ("2016 is" and "1500 ml" stay).
_LOWER = re.compile(r"[1-9](?<![\w-].)\d{3}[ \t]?[a-z]{2}(?![\w-])")
_SUFFIXES = "|".join(
    re.escape(w) for w in sorted(read_sections("street_words.txt")["suffix"], key=len, reverse=True)
)
_STREET_NUMBER_BEFORE = re.compile(
    rf"[^\W\d_]{{2,}}(?:{_SUFFIXES})[ \t]+\d{{1,5}}[ \t]?[a-z]?[ \t]*,?[ \t]*\n?[ \t]*$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(r"[ \t]*,?[ \t]*([^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)")


def _lowercase(ctx: Context) -> Iterator[Entity]:
    text = ctx.text
    for m in _LOWER.finditer(text):
        if not stdnum_postcode.is_valid(m.group().upper()):
            continue
        place = _PLACE_AFTER.match(text, m.end())
        words = place.group(1).lower().split() if place else []
        places = ctx.lex.places
        known_place = bool(words) and (words[0] in places or " ".join(words) in places)
        street = _STREET_NUMBER_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if m.group()[-2:] in ctx.lex.common:
            known_place = False  # "in 2024 in Utrecht": a year and a word, unless a street leads
        if known_place or street:
            yield entity(m.start(), m.end(), LABEL, "postcode-lowercase", 0.8)
