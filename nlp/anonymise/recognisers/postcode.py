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
    for m in _FOREIGN.finditer(text):
        town = m.group("town")
        if town.lower() in ctx.lex.common and town.lower() not in ctx.lex.places:
            continue  # "12\n25000 Mensen": a count, not a town
        country = _COUNTRY.search(text, max(0, m.start() - 3), m.start())  # "D-47051"
        if country is None and m.start() and text[m.start() - 1] == "-":
            continue  # part of a longer code
        start = country.start() if country else m.start()
        if _HOUSE_NUMBER_BEFORE.search(text, max(0, start - 40), start):
            yield entity(start, m.end(), LABEL, "postcode-foreign", 0.9)
            # the town after it: foreign towns are mostly missing from the place list
            yield entity(m.start("town"), m.end("town"), EntityLabel.PLAATS, "postcode-town", 0.8)
