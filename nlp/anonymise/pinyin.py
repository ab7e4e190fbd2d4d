"""Chinese names written in pinyin, family name first ("Li Na", "Wang Lihua", "Zhang Yi Chen").

A Chinese given name is often one short syllable that is also a Dutch or English word ("Na",
"Lin", "Bo") and the family names are two or three letters long, so the name rules, which
look for a known first name or a surname-like word, pass them by. Here a common family name
(``data/chinese_surnames.txt``), capitalised, followed by one or two capitalised words that
read as one or two pinyin syllables is a name. A family name that is a common Dutch word
("Ma", "He") only counts in mid-sentence, where its capital is not the sentence's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise.lexicons import Lexicons, read_data

SURNAMES = frozenset(read_data("chinese_surnames.txt"))
_GIVEN = r"[A-Z][a-zü]{0,6}(?:-[A-Za-z][a-zü]{0,5})?"
# Case-sensitive: the family name and the given name are both capitalised.
# A capital first (the regex engine skips to it), then the list; checked again in ``names``.
_NAME = re.compile(
    rf"[A-Z](?<![\w'’.-].)(?:[a-z]{{0,5}})[ \t]+{_GIVEN}(?:[ \t]+{_GIVEN})?(?![\w'’@-])"
)
_INITIAL = r"(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)"
_FINAL = (
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in"
    r"|ua|uo|ui|un|ue|a|o|e|i|u|ü)"
)
# A syllable without an initial starts with a, e or o (else it is written with y or w).
_SYLLABLE = rf"(?:{_INITIAL}{_FINAL}|(?:a|ai|an|ang|ao|e|ei|en|eng|er|o|ou))"
_GIVEN_NAME = re.compile(rf"{_SYLLABLE}(?:-?{_SYLLABLE})?")


def names(text: str, lex: Lexicons) -> Iterator[tuple[int, int]]:
    """The (start, end) of each pinyin name in ``text``."""
    pos = 0
    while (m := _NAME.search(text, pos)) is not None:
        pos = m.start() + 1  # "Het Li Na": the name may start at the next word
        words = m.group().split()
        if words[0].lower() not in SURNAMES:
            continue
        pos = m.end()
        given = [w for w in words[1:] if _GIVEN_NAME.fullmatch(w.lower())]
        if len(given) < len(words) - 1:
            if not given or not _GIVEN_NAME.fullmatch(words[1].lower()):
                continue
            words = words[:2]  # "Li Na Purmerend": the name is the first two words
        if words[0].lower() in lex.common and _sentence_start(text, m.start()):
            continue  # "Ma Bo ..." opening a sentence may be the Dutch word
        yield m.start(), _end(text, m.start(), words)


def _end(text: str, start: int, words: list[str]) -> int:
    """The end of ``words`` written from ``start`` (the spaces may be tabs)."""
    pos = start
    for w in words:
        pos = text.index(w, pos) + len(w)
    return pos


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t")
    return not before or before[-1] in ".!?:\n\"'("
