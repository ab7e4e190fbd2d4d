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

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from nlp.anonymise import scan
from nlp.anonymise.context import Context, entity
from nlp.anonymise.ocr_digits import token_around
from nlp.anonymise.recognisers import dates, phone
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
# Several patterns below start with the character they consume first and check the one before
# it in a look-behind over both ("\b[A-Z]" as "[A-Z](?<!\w.)"): the same matches, but the engine
# can jump between candidate characters instead of trying every position.
_CODE = re.compile(
    r"[A-Z](?<!\w.)(?:[A-Z]{0,4}(?:[-/][A-Z]{1,5})?(?:[-/ ])(?:\d{2,4}[-/])?\d{2,4}[-/]\d{2,7}\b"
    r"|[A-Z]{1,4}[-/]\d{5,10}\b)"
)
# A year, then a running number: five or more digits, or four that do not read as a year.
_YEAR_NUMBER = re.compile(
    r"(?:1(?<![\w/.-]1)9|2(?<![\w/.-]2)0)\d{2}[-/](?P<no>\d{4,7})(?![\w]|[-/.]\d)"
)
_CUE_WORDS = (
    "dossiernummer", "dossiernr", "dossier", "zaaknummer", "zaaknr", "klachtnummer", "klachtnr",
    "kenmerk", "referentienummer", "referentienr", "referentie", "ref", "registratienr",
    "cliëntnr", "clientnr", "registratienummer", "cliëntnummer", "clientnummer", "rolnummer",
    "studentnummer", "leerlingnummer", "klantnummer", "lidnummer", "personeelsnummer",
    "relatienummer", "polisnummer", "patiëntnummer",
)  # fmt: skip
# Where a cue can start: the cue words that hold no shorter one at their start.
_CUE_STEMS = tuple(w for w in _CUE_WORDS if not any(w != v and w.startswith(v) for v in _CUE_WORDS))
_CUE = re.compile(
    rf"(?:{'|'.join(_CUE_WORDS)})\.?"
    r"(?:\s*(?:nr\.?|nummer))?(?:[ \t]*\([^()\n]{1,30}\))?(?:\s+(?:is|was|luidt))?\s*[:#]?\s*"
    r"(?P<ref>[A-Z0-9][A-Z0-9\-/.]{2,30}\d)",
    re.IGNORECASE,
)


# The initials of the person handling a file after its number ("2024.0117/EH", "19-3346-JB").
# Also after a space when 1-3 capitals end the line or the clause ("24/1187 ZD").
# One or more: a department and a handler ("2025.0311/JZ/kb").
_SUFFIX = re.compile(r"(?:[-/.][A-Za-z]{1,4}(?![\w@]))+|[ ][A-Z]{1,3}(?=[ \t]*(?:$|[,;)]))", re.M)


# Any other reference: a token of letters, digits and single / - . joints holding a run of five
# or more digits ("OV-JB-77120", "RvdK/Arnhem/2026/30871", "2026-ZH-55720"), with an
# acronym written before it ("RvdK 2026-ZH-55720"), also joined by dots ("RvdK 26.4471.RT");
# or digit groups split by single spaces, nine digits or more together ("3094 771 205"); or
# capitals glued to digits, then a running number ("K26-1187").
# Phones, BSNs, IBANs and dates outrank it.
_GROUPS = re.compile(r"\d(?<![\w.,\-+€]\d)\d{1,4}(?:[ ]\d{2,5}){2,4}(?![\w]|[.,]\d)")
_ACRONYM = re.compile(r"(?<![\w@/.\-+€])[A-Z][A-Za-z]{0,4}[A-Z][ ]$")
_YEAR = re.compile(r"(?:19|20)\d\d")
# Three or more parts joined by - or /, two or more of them with digits, six digits together
# ("LdH-KL-2026-0772", "JBN/K/26-0419", "1187-34-2026"); dates, phones and plates outrank it.
_MULTIPART = re.compile(r"(?<![\w@/.\-+€])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+){2,}(?![\w@]|[-/.]\w)")
# The same joined by dots, with a part in letters or an acronym before it ("26.4471.RT",
# "RvdK 26.4471.RT"); all digits is an amount, a version or an address on the net.
_DOT_JOINTS = re.compile(r"\.[A-Za-z0-9]+\.[A-Za-z0-9]")
_DOTTED = re.compile(r"(?<![\w@/.\-+€])[A-Za-z0-9]+(?:\.[A-Za-z0-9]+){2,}(?![\w@]|[-/.]\w)")
_SPACED_JOINT = re.compile(r"(?<![\w/])[A-Za-z0-9]{1,10} / $")
_RUN = re.compile(r"\d{5,}")
# Capitals glued to a number, a - or /, and a running number: five digits or more in all
# ("K26-1187", "JZ2026/0412"). The letters are no OCR look-alikes of digits ("O38-3760412"
# is a phone number read with a letter O).
_LETTER_NUMBER = re.compile(
    r"[A-Z](?<![\w@/.\-+€].)[A-Za-z]{0,3}\d{1,4}[-/]\d{4,7}(?![\w@]|[-/.]\w)"
)
_LOOK_ALIKES = frozenset("OoIl")
_POSTCODE_ABROAD = re.compile(r"[A-Z]{1,2}-\d{4,5}")
_TOWN_AFTER = re.compile(r"[ \t]+[A-ZÀ-Þ][a-zà-ÿ]")
# Amounts and counts are no references: "€ 125000", "25000 euro", "bedrag van 14500".
_AMOUNT_BEFORE = re.compile(r"(?:€|\beur|\beuro|\bbedrag(?:\s+van)?|\bEUR)\s*$", re.I)
_AMOUNT_AFTER = re.compile(r"\s*(?:,[-\d]|€|euro\b|eur\b|EUR\b)", re.I)
# Published case law is public: "EHRM 10 maart 2020, appl. no. 14652/16", "ECLI:NL:HR:...".
_CASE_LAW = re.compile(r"\b(?:EHRM|ECHR|ECLI|appl\.?\s*no\.?|application\s+no\.?)", re.I)
# A bare number of five digits needs a cue word ending in "nummer"/"nr" before it.
_NUMBER_CUE = re.compile(r"(?:nummer|nr\.?|no\.?)\s*[:#]?\s*$", re.I)


def find(ctx: Context) -> Iterator[Entity]:
    seen: set[tuple[int, int]] = set()
    for text in ctx.numeric_texts:  # also with OCR's look-alikes read as digits
        for e in _find(text):
            m = _SUFFIX.match(text, e.end)
            if m:
                e = entity(e.start, m.end(), e.label, e.source, e.score)
            if (e.start, e.end) not in seen:
                seen.add((e.start, e.end))
                yield e


def _find(text: str) -> Iterator[Entity]:
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
    for m in _cues(text):
        ref = m.group("ref")
        if sum(ch.isdigit() for ch in ref) >= 3:
            yield entity(m.start("ref"), m.end("ref"), LABEL, "cue")
    yield from _references(text)


def _cues(text: str) -> Iterator[re.Match[str]]:
    """``_CUE.finditer(text)``, tried only where a cue word stands (found in the lowercased
    text, which is much quicker than a case-insensitive scan)."""
    low = scan.folded(text)
    if low is None:
        return _CUE.finditer(text)
    return scan.matches_at(_CUE, text, scan.starts(low, _CUE_STEMS))


_JOINT = re.compile(r"[-/]")
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _multiparts(text: str) -> Iterator[re.Match[str]]:
    """``_MULTIPART.finditer(text)``, tried only at the start of each run of letters and digits
    that a - or / follows (where every match starts)."""
    starts = []
    for joint in _JOINT.finditer(text):
        start = joint.start()
        while start > 0 and text[start - 1] in _ASCII_ALNUM:
            start -= 1
        if start < joint.start() and (not starts or starts[-1] != start):
            starts.append(start)
    return scan.matches_at(_MULTIPART, text, starts)


def _references(text: str) -> Iterator[Entity]:
    spans: list[tuple[int, int, int]] = []  # start, end, start of the reference proper
    for m in _GROUPS.finditer(text):
        groups = m.group().split()
        if sum(map(len, groups)) >= 9 and not all(_YEAR.fullmatch(g) for g in groups):
            spans.append((m.start(), m.end(), m.start()))  # not "2019 2020 2021"
    for m in _multiparts(text):
        parts = re.split(r"[-/]", m.group())
        numbers = [p for p in parts if any(ch.isdigit() for ch in p)]
        if len(numbers) < 2 or sum(ch.isdigit() for ch in m.group()) < 6:
            continue
        if all(_YEAR.fullmatch(p) for p in numbers):
            continue  # "2019-2020-2021": years
        prefix = _ACRONYM.search(text, max(0, m.start() - 8), m.start())
        spans.append((prefix.start() if prefix else m.start(), m.end(), m.start()))
    for m in _LETTER_NUMBER.finditer(text):
        letters = "".join(ch for ch in m.group() if ch.isalpha())
        if sum(ch.isdigit() for ch in m.group()) >= 5 and not set(letters) <= _LOOK_ALIKES:
            spans.append((m.start(), m.end(), m.start()))
    done = -1
    for hit in _DOT_JOINTS.finditer(text):  # rare: look for the token only around two dots
        start = hit.start()
        while start and text[start - 1].isascii() and text[start - 1].isalnum():
            start -= 1
        if start < done or (m := _DOTTED.match(text, start)) is None:
            continue
        done = m.end()
        parts = m.group().split(".")
        numbers = [p for p in parts if any(ch.isdigit() for ch in p)]
        if len(numbers) < 2 or sum(ch.isdigit() for ch in m.group()) < 5:
            continue
        if all(p.isdigit() for p in parts) and all(len(p) == 3 for p in parts[1:]):
            continue  # "1.250.000": an amount
        prefix = _ACRONYM.search(text, max(0, m.start() - 8), m.start())
        if prefix or any(p.isalpha() for p in parts):
            spans.append((prefix.start() if prefix else m.start(), m.end(), m.start()))
    done = -1
    for run in _RUN.finditer(text):  # rare in prose: expand each run to its token
        if run.start() < done:
            continue
        start, end = token_around(text, run.start(), run.end())
        while joint := _SPACED_JOINT.search(text, max(0, start - 16), start):
            start = joint.start()  # "RvdK 2026 / 55871": a slash with spaces joins it too
        done = end
        if "|" in text[start:end] or ":" in text[start:end]:
            continue  # a time or a table cell, not a reference
        if start and (text[start - 1] in "@+€_" or text[start - 1].isalnum()):
            continue
        if end < len(text) and (text[end] in "@_" or text[end].isalnum()):
            continue
        ref = text[start:end]
        if _POSTCODE_ABROAD.fullmatch(ref) and _TOWN_AFTER.match(text, end):
            continue  # "D-47051 Duisburg": a postcode with its country letter
        if ref.isdigit():
            if len(ref) > 12 or ref.endswith("000"):
                continue  # "100000 kinderen": a round count, no reference
            if len(ref) < 6 and not _NUMBER_CUE.search(text, max(0, start - 30), start):
                continue  # "12500 kinderen", "47051 Duisburg": a count or a postcode
        prefix = _ACRONYM.search(text, max(0, start - 8), start)
        spans.append((prefix.start() if prefix else start, end, start))
    for start, end, ref_start in spans:
        value = text[ref_start:end]
        before = text[max(0, start - 20) : start]
        if _AMOUNT_BEFORE.search(before) or _AMOUNT_AFTER.match(text, end):
            continue
        if _other_identifier(value):
            continue  # a phone number, BSN or IBAN has its own recogniser (and can be off)
        if dates.DATE_RE.search(value) or _CASE_LAW.search(text, max(0, start - 40), start):
            continue
        yield entity(start, end, LABEL, "reference", 0.7)


def _other_identifier(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    return bool(
        phone.NL_RE.fullmatch(value)
        or phone.INTL_RE.fullmatch(value)
        or (len(digits) == 9 and value.replace(" ", "").isdigit() and stdnum_bsn.is_valid(digits))
        or stdnum_iban.is_valid(value)
    )
