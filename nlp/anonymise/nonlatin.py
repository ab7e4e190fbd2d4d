"""Names written in another script: "Chen Wei (陈伟)", "Yonas (ዮናስ)", "Olena (Олена) Koval".

The name lists and the name-likeness model know Latin letters only. In a Dutch letter a short
run of Han, Hangul, kana, Arabic, Hebrew, Ethiopic, Cyrillic, Greek or Indic letters (at most
three words) is a name when it stands in a name position: right beside a name already found
(in brackets, after a comma or a slash, or with only a space between), or right after a title
or an introduction ("mevrouw", "mijn naam is", "heet"). Longer runs are sentences and stay.
"""

from __future__ import annotations

import re

from nlp.anonymise.lexicons import Lexicons
from schemas.entities import EntityLabel
from schemas.records import Entity

_LETTERS = (
    "\u0370-\u03ff"  # Greek
    "\u0400-\u052f"  # Cyrillic
    "\u0590-\u05ff"  # Hebrew
    "\u0600-\u06ff\u0750-\u077f"  # Arabic
    "\u0900-\u0dff"  # Devanagari … Sinhala
    "\u1200-\u139f"  # Ethiopic
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff"  # Han
    "\uac00-\ud7af"  # Hangul
)
ANY = re.compile(f"[{_LETTERS}]")  # one letter of another script
_RUN = rf"[{_LETTERS}]+(?:[ \u00b7\u30fb][{_LETTERS}]+){{0,2}}"
_END = rf"(?![{_LETTERS}]|[ \u00b7\u30fb][{_LETTERS}])"
_AFTER_NAME = re.compile(rf"[ \t]*(?:[(（,/][ \t]*|[ \t])(?P<run>{_RUN}){_END}")
_BEFORE_NAME = re.compile(rf"(?<![{_LETTERS}])(?P<run>{_RUN})[ \t]*(?:[(（,/][ \t]*)?$")
_RUN_RX = re.compile(rf"(?<![{_LETTERS}\w])(?P<run>{_RUN}){_END}")
_INTRO = re.compile(
    r"(?:mijn naam is|ik ben|\bheet|\bheten|\bgenaamd|my name is|\bi am|\bnamed|\bcalled"
    r"|\bnaam(?:[ \t]+\w+)?[ \t]*:)[ \t]*$",
    re.I,
)
_LAST_WORD = re.compile(r"([\w.]+)[ \t]*$")


def names(text: str, entities: list[Entity], lex: Lexicons) -> list[Entity]:
    """PERSOON spans for non-Latin runs in a name position."""
    if ANY.search(text) is None:
        return []
    found: list[Entity] = []
    for e in entities:
        if e.label != EntityLabel.PERSOON:
            continue
        m = _AFTER_NAME.match(text, e.end)
        if m:
            found.append(_span(m))
        line_start = max(text.rfind("\n", 0, e.start) + 1, e.start - 40)
        m = _BEFORE_NAME.search(text, line_start, e.start)
        if m:
            found.append(_span(m))
    for m in _RUN_RX.finditer(text):
        before = text[max(0, m.start() - 25) : m.start()]
        word = _LAST_WORD.search(before)
        title = word is not None and word.group(1).lower().rstrip(".") in lex.titles
        if title or _INTRO.search(before):
            found.append(_span(m))
    return found


def _span(m: re.Match[str]) -> Entity:
    return Entity(m.start("run"), m.end("run"), EntityLabel.PERSOON, "nonlatin", 0.8)
