"""Street plus house number ("Marnixlaan 204 bis", "Burgemeester de Vlugtlaan 312-III",
"Kerkstraat 12 hs", "Prinsengracht 12-H"). A street is recognised by its suffix (straat, laan,
weg, ...) or by the Dutch street list; the house number and any addition are part of the
span. A street name without either ("Florida 118", "Zeeburgerdijk" misspelt, a new estate's
street) counts when the address shows itself: a postcode right after the number, or a cue such
as "adres:" or "woont aan" right before the name. So does a street written in lowercase
("pelikaanstraat 23") in informal mail."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from nlp.anonymise.lexicons import read_sections
from nlp.anonymise.protected import find_protected
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "adres"
LABEL = EntityLabel.ADRES
labels = frozenset({LABEL})
# Street words, Dutch and of neighbouring languages: data/street_words.txt.
_WORDS = read_sections("street_words.txt")
_SUFFIX = "|".join(re.escape(w) for w in sorted(_WORDS["suffix"], key=len, reverse=True))
_ADDITION = r"(?:I{1,3}V?|IV|hs|huis|bis|boven|bg|rd|zw|\d{1,3}[a-z]?)"
# A flat after a slash ("48/7", as in Poland), a room, flat or floor ("14 kamer 3", "12 unit 4",
# "Apt 4", Turkish "Daire 4", "Kat 2") or a Belgian letterbox ("112 bus 4"), or "bis" ("38 bis").
_UNIT = (
    r"(?:/\d{1,4}[a-z]?\b|[ \t](?i:kamer|unit|app\.?|apt\.?|appartement|apartment|flat|bus"
    r"|daire|kat)[ \t]?:?[ \t]?\d{1,4}[a-z]?\b|[ \t]bis\b)"
)
# A number sign before the house number ("Caddesi No: 112", "Calle Mayor nº 5").
_NO = r"(?:(?:[Nn][Oo]|[Nn][Rr]|[Nn][º°])\.?:?[ \t]?)?"
_NUMBER = rf"{_NO}\d{{1,5}}(?:[ \t]?-?[a-zA-Z]\d{{0,2}}\b)?(?:\s?(?:-\s?)?{_ADDITION}\b)?{_UNIT}?"
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|van|de|der|den|het|'t|ter|ten|op|aan|in|bij)"
_BY_SUFFIX = re.compile(
    # leading words of the street name stay on its line ("Sedney\nWestlandseweg 38": no)
    rf"\b(?:[A-Z][\w'’.-]*[ \t]+(?:{_NAME_WORD}[ \t]+){{0,3}})?"
    rf"[A-Z]?[\w'’-]*(?:{_SUFFIX})\s+{_NUMBER}",
)
# The street word written apart and capitalised after a name word ("Oude Gracht 221bis").
_CAP_SUFFIX = "|".join(re.escape(w.capitalize()) for w in _WORDS["suffix"] + _WORDS["after"])
# (The first capital before the look-behind: the engine jumps between capitals.)
_APART = re.compile(
    rf"[A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃĞİ](?<!\w.)[\w'’-]+[ \t]+(?:{_CAP_SUFFIX})[ \t]+{_NUMBER}(?!\d)"
)
# Entrance, block, floor and flat after the number, as Bulgarian, Russian and Ukrainian
# addresses write them ("ul. Vasil Levski 12, bl. 4, vh. A, et. 3, ap. 9", "кв. 17").
_EAST_UNITS = (
    r"(?:,?[ \t]+(?i:vh|bl|et|ap|kv|вх|бл|ет|ап|кв)\.[ \t]?(?:\d{1,4}[^\W\d_]?|[^\W\d_])(?!\w))*"
)
_PREFIX_NAME = r"(?:[A-ZА-ЯЁІЇЄҐ][\w'’.-]*|van|de|der|den|het|'t|ter|ten|op|aan|in|bij)"
# A street word before the name ("ul. Piłsudskiego 48/7", "rue Victor Hugo 8", "via Roma 3").
_PREFIX_SET = frozenset(w.lower() for w in _WORDS["prefix"])
_FIRSTS = "".join(sorted({w[0].lower() for w in _PREFIX_SET} | {w[0].upper() for w in _PREFIX_SET}))
_RESTS = "|".join(re.escape(w[1:]) for w in sorted(_PREFIX_SET, key=len, reverse=True))
# A first letter, then the lookbehind: the regex engine can skip quickly to those letters; the
# word itself is checked against the list after a match.
_PREFIXED = re.compile(
    rf"(?P<pre>[{_FIRSTS}](?<![\w.].)(?i:{_RESTS}))(?:(?<=\.)[ \t]*|[ \t]+)"
    rf"(?:(?:{_PREFIX_NAME}|d[eu]|la|le|del|della)[ \t]+){{0,4}}{_NUMBER}{_EAST_UNITS}"
    # the address ends there: "via Utrecht 3 keer" is a route, "via Roma 3, Milaan" a street
    r"(?!\d)(?=[ \t]*(?:[,;:)\n]|\.(?!\d)|$|\d)|[ \t]+(?:in|te|à|a|w)\b)",
    re.M,
)
_YEAR = re.compile(r"[ \t](?:19|20)\d\d$")
_NUMBER_AFTER = re.compile(rf"\s+{_NUMBER}")
_WORD = re.compile(r"[\w'’.-]+")
_STREET_WORD = r"[A-Z][\w'’-]+"
_BARE = re.compile(
    rf"[A-Z](?<![\w'’-].)[\w'’-]+(?:[ \t]+(?:{_STREET_WORD}|van|de|der|den|het|'t|ter|ten)){{0,3}}"
    rf"[ \t]+{_NUMBER}(?!\d)"
)
# A postcode after the house number (same line or the next), or a cue before the street.
_POSTCODE_AFTER = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*[1-9]\d{3}[ \t]?[A-Z]{2}\b")
_CUE_BEFORE = re.compile(
    r"(?:\badres|\baddress|\bwo(?:on|ont|nen|onde|onden)|\bwoonachtig|\bverhuisd|\bwoonadres"
    r"|\bverblijfadres|\bpostadres)(?:[ \t]+(?:is|was|aan|op|in|naar|de|het)){0,2}[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)


# Where a street word ends right before the space and digit of a house number: every match of
# ``_BY_SUFFIX`` ends so. Digits after a space are rare in prose, street words everywhere.
_SUFFIXES = tuple(_WORDS["suffix"])
_DIGIT_AFTER_SPACE = re.compile(r"\d(?<=\s\d)")


def _suffix_ends(text: str) -> list[int]:
    """Offsets where a street word from the list ends and whitespace then a digit follows."""
    ends = []
    for m in _DIGIT_AFTER_SPACE.finditer(text):
        end = m.start() - 1
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if text.endswith(_SUFFIXES, 0, end):
            ends.append(end)
    return ends


def _by_suffix(text: str) -> Iterator[re.Match[str]]:
    """``_BY_SUFFIX.finditer(text)``, searching only from the line of the next street word
    before a number (what comes before it in a match never holds a line break). The same
    matches: the scan just starts later."""
    ends = _suffix_ends(text)
    pos = k = 0
    while True:
        while k < len(ends) and ends[k] < pos:
            k += 1
        if k == len(ends):
            return
        m = _BY_SUFFIX.search(text, max(pos, text.rfind("\n", 0, ends[k]) + 1))
        if m is None:
            return
        yield m
        pos = m.end()


def find(ctx: Context) -> Iterator[Entity]:
    text = ctx.text
    for m in _by_suffix(text):
        start = m.start()
        # The optional leading words may have swallowed a sentence word ("In Kerkstraat 4").
        head = text[start : m.end()].split()
        while len(head) > 2 and not head[0][:1].isupper():
            start = text.index(head[1], start + len(head[0]))
            head = head[1:]
        if text[start].isupper():
            yield entity(start, m.end(), LABEL, "street-suffix")
        elif len(head) == 2 and _lowercase_street(ctx, head[0], start, m.end()):
            yield entity(start, m.end(), LABEL, "street-lowercase", 0.8)
    for m in _PREFIXED.finditer(text):
        if m.group("pre").lower() not in _PREFIX_SET:
            continue
        if not _YEAR.search(m.group()) and any(ch.isupper() for ch in m.group()[1:]):
            yield entity(m.start(), m.end(), LABEL, "street-prefix", 0.9)
    for m in _APART.finditer(text):
        if _YEAR.search(m.group()):
            continue  # "in de Lange Haven 2024": a year, no house number
        yield entity(m.start(), m.end(), LABEL, "street-apart", 0.9)
    # Streets without a telling suffix ("Lange Voorhout 12"): look 1-4 words back from a number.
    for m in re.finditer(r"(?<=\s)\d{1,5}\b", text):
        words = list(_WORD.finditer(text[max(0, m.start() - 60) : m.start()]))
        offset = max(0, m.start() - 60)
        for n in (4, 3, 2, 1):
            if len(words) < n:
                continue
            cand = words[-n:]
            name = " ".join(w.group() for w in cand)
            if not name[:1].isupper() or name.lower() not in ctx.lex.streets:
                continue
            if name.lower() in _NOT_STREET:
                continue  # "Groep 7", "Kamer 12": a street somewhere, but not here
            tail = _NUMBER_AFTER.match(text, cand[-1].end() + offset)
            if tail is None:
                continue
            yield entity(cand[0].start() + offset, tail.end(), LABEL, "street-list", 0.9)
            break
    yield from _bare(ctx)
    if "ostbus" in text or "OSTBUS" in text:
        yield from _postbus(ctx)


_POSTBUS = re.compile(r"(?<![\w-])postbus[ \t]+\d{1,6}(?![\d,.]\d)", re.IGNORECASE)
# Words that name an organisation: its P.O. box is no personal data.
_ORGANISATION = re.compile(
    r"stichting|gemeente|commissie|\braad\b|rechtbank|afdeling|t\.\s?a\.\s?v|ministerie"
    r"|\bb\.?v\b|jeugdbescherming|veilig thuis|klachten|secretariaat|instelling|zorg|\bgroep"
    r"|\bggz|college|school|centrum|bureau|kantoor|advoca|inspectie|ombudsman|vereniging"
    r"|bank\b|dienst|\bgi\b|\buwv\b|belasting",
    re.IGNORECASE,
)


def _postbus(ctx: Context) -> Iterator[Entity]:
    """ "Postbus 1187" of a person: not after an organisation's name (same line or the line
    before)."""
    text = ctx.text
    for m in _POSTBUS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        if not before.strip():
            prev = text[: max(0, line_start - 1)].rstrip().rsplit("\n", 1)[-1]
            before = prev
        if _ORGANISATION.search(before) or _chain_organisation(before, ctx):
            continue
        yield entity(m.start(), m.end(), LABEL, "postbus", 0.9)


def _chain_organisation(line: str, ctx: Context) -> bool:
    return bool(line.strip()) and bool(find_protected(line, ctx.lex))


# A postcode after the house number, also written in lowercase ("9404 gh").
_ANY_POSTCODE_AFTER = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*[1-9]\d{3}[ \t]?[A-Za-z]{2}\b")


def _lowercase_street(ctx: Context, word: str, start: int, end: int) -> bool:
    """ "pelikaanstraat 23" in mail written in lowercase: an address when a postcode follows
    or an address cue precedes it, or when the street list knows the name and it is no
    ordinary word ("snelweg 12" is a distance)."""
    text = ctx.text
    line_start = text.rfind("\n", 0, start) + 1
    if _ANY_POSTCODE_AFTER.match(text, end) or _CUE_BEFORE.search(text, line_start, start):
        return True
    return word in ctx.lex.streets and not ctx.lex.is_dutch_word(word)


def _bare(ctx: Context) -> Iterator[Entity]:
    """A capitalised street name and a house number that an address cue vouches for."""
    text = ctx.text
    for m in _BARE.finditer(text):
        start = m.start()
        words = m.group().split()
        # Drop sentence words before the street ("Ik woon Florida 118" keeps "Florida 118"),
        # but not a street's own first word before a connector ("Laan van Nieuw Guinea 38").
        names = next(i for i, w in enumerate(words) if w[:1].isdigit())
        while names > 1 and ctx.lex.is_dutch_word(words[0]) and words[1].lower() not in _CONNECTORS:
            start = text.index(words[1], start + len(words[0]))
            words, names = words[1:], names - 1
        if _YEAR.search(m.group()) or words[0].lower() in _NOT_STREET:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if _POSTCODE_AFTER.match(text, m.end()) or _CUE_BEFORE.search(text, line_start, start):
            yield entity(start, m.end(), LABEL, "street-cued", 0.8)


_CONNECTORS = frozenset(["van", "de", "der", "den", "het", "'t", "ter", "ten"])
_NOT_STREET = frozenset(
    ["postbus", "antwoordnummer", "bus", "kamer", "lokaal", "groep", "klas", "week", "nummer"]
)
