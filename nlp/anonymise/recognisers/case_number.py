"""Court and dossier case numbers, and references tied to a person.

Covers court numbers (C/13/712345 / JE RK 22-1234), appeal numbers (200.123.456/01),
and codes that mix capitals and digits with separators (JB-2022-07731, KC-JB 2023/118),
year-number references (2023-07781, 2022/004518; not a span of years such as 2019-2021),
capitals, a slash or dash and five or more digits (JBB/0094512), plus anything after a cue
such as "dossiernummer" or "kenmerk" (also with an aside: "Dossiernummer (indien bekend):"); a
short letter suffix after the number (the handler's initials: "2024.0117/EH", "24/1187 ZD"
at a line end), also two of them (department and handler), belongs to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from nlp.anonymise.recognisers.plate import is_plate
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "zaaknummer"
LABEL = EntityLabel.ZAAKNUMMER
labels = frozenset({LABEL})
_COURT = re.compile(
    r"\b[A-Z]/\d{2}/\d{4,7}(?:\s*/\s*[A-Z]{2}(?:\s?[A-Z]{2})?\s?\d{2}[-/]\d{1,6})?"
    r"|\b[A-Z]{2}\s?RK\s?\d{2}[-/]\d{1,6}\b"
    r"|\b\d{3}\.\d{3}\.\d{3}(?:/\d{2})?\b"
)
_CODE = re.compile(
    r"\b[A-Z]{1,5}(?:[-/][A-Z]{1,5})?(?:[-/ ])(?:\d{2,4}[-/])?\d{2,4}[-/]\d{2,7}\b"
    r"|\b[A-Z]{2,5}[-/]\d{5,10}\b"
)
# A year, then a running number: five or more digits, or four that do not read as a year.
_YEAR_NUMBER = re.compile(r"(?<![\w/.-])(?:19|20)\d{2}[-/](?P<no>\d{4,7})(?![\w]|[-/.]\d)")
_CUE = re.compile(
    r"(?:dossiernummer|dossiernr|dossier|zaaknummer|zaaknr|klachtnummer|klachtnr|kenmerk"
    r"|referentienummer|referentienr|referentie|ref|registratienr|cliëntnr|clientnr"
    r"|registratienummer|cliëntnummer|clientnummer|rolnummer|studentnummer|leerlingnummer"
    r"|klantnummer|lidnummer|personeelsnummer|relatienummer|polisnummer|patiëntnummer)\.?"
    r"(?:\s*(?:nr\.?|nummer))?(?:[ \t]*\([^()\n]{1,30}\))?(?:\s+(?:is|was|luidt))?\s*[:#]?\s*"
    r"(?P<ref>[A-Z0-9][A-Z0-9\-/.]{2,30}\d)",
    re.IGNORECASE,
)


# The initials of the person handling a file after its number ("2024.0117/EH", "19-3346-JB").
# Also after a space when 1-3 capitals end the line or the clause ("24/1187 ZD").
# One or more: a department and a handler ("2025.0311/JZ/kb").
_SUFFIX = re.compile(r"(?:[-/.][A-Za-z]{1,4}(?![\w@]))+|[ ][A-Z]{1,3}(?=[ \t]*(?:$|[,;)]))", re.M)


def find(ctx: Context) -> Iterator[Entity]:
    for e in _find(ctx):
        m = _SUFFIX.match(ctx.text, e.end)
        yield entity(e.start, m.end(), e.label, e.source, e.score) if m else e


def _find(ctx: Context) -> Iterator[Entity]:
    text = ctx.text
    for m in _COURT.finditer(text):
        yield entity(m.start(), m.end(), LABEL, "court")
    for m in _CODE.finditer(text):
        if is_plate(tuple(m.group().split("-"))):
            continue  # AB-12-34 is a licence plate
        if sum(ch.isdigit() for ch in m.group()) >= 4:
            yield entity(m.start(), m.end(), LABEL, "code", 0.9)
    for m in _YEAR_NUMBER.finditer(text):
        number = m.group("no")
        if len(number) >= 5 or not number.startswith(("19", "20")):
            yield entity(m.start(), m.end(), LABEL, "year-number", 0.9)
    for m in _CUE.finditer(text):
        ref = m.group("ref")
        if sum(ch.isdigit() for ch in ref) >= 3:
            yield entity(m.start("ref"), m.end("ref"), LABEL, "cue")
