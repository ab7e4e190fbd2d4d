"""A shadow of the text for the numeric recognisers, with OCR's digit look-alikes read back
as digits ("O547-26 l9 83" -> "0547-26 19 83", "O4-O6-2O1l" -> "04-06-2011").

Scanners read 0 as O or o and 1 as l, I or |. Inside a token that holds at least one real
digit and otherwise only look-alikes, every look-alike becomes its digit; S and B only between
two digits (they are common capitals in codes). A token is a run of letters, digits and ``|``
joined by single - / . or :, so "O7-ll-2Ol9" is one token and its "ll" is read as "11". The
shadow has the same length as the text, so a span found in it is the same span in the text.
Words without a digit are never touched.
"""

from __future__ import annotations

import re

from nlp.anonymise.linebreaks import apply_cuts

_ALWAYS = str.maketrans("OoIl|", "00111")
_BETWEEN = {"S": "5", "B": "8"}
_LOOKS = frozenset("OoIl|SB-/.:")
# A look-alike touching a digit (or a separator next to one): most texts have none.
_ROMAN = re.compile(r"(?:^|[-/.:])I{1,3}(?:$|[-/.:])")
_HINT = re.compile(r"\d[-/.:]?[OoIl|SB]|[OoIl|SB][-/.:]?\d")


def shadow(text: str) -> str:
    """The text with look-alikes in digit tokens made digits; ``text`` itself when none."""
    out: list[str] | None = None
    done = -1
    for hint in _HINT.finditer(text):  # most texts have no hint at all: C speed
        if hint.start() < done:
            continue
        start, end = token_around(text, hint.start(), hint.end())
        done = end
        fixed = _fixed(text[start:end])
        if fixed is not None:
            if out is None:
                out = list(text)
            out[start:end] = fixed
    return text if out is None else "".join(out)


def token_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the token (letters, digits, "|" joined by single - / . :) holding
    ``text[start:end]``."""
    while start > 0 and (_part(text[start - 1]) or _joint(text, start - 1)):
        start -= 1
    while end < len(text) and (_part(text[end]) or _joint(text, end)):
        end += 1
    return start, end


def _part(ch: str) -> bool:
    return ch == "|" or (ch.isalnum() and ch != "_")


def _joint(text: str, i: int) -> bool:
    """A separator between two token characters."""
    return text[i] in "-/.:" and 0 < i < len(text) - 1 and _part(text[i - 1]) and _part(text[i + 1])


def _fixed(tok: str) -> list[str] | None:
    if not any(ch.isdigit() for ch in tok) or not all(ch.isdigit() or ch in _LOOKS for ch in tok):
        return None
    if _ROMAN.search(tok):
        return None  # "312-III": a house number with a floor in Roman numerals
    fixed = list(tok.translate(_ALWAYS))
    for i, ch in enumerate(tok):
        if ch in _BETWEEN:
            if not (0 < i < len(tok) - 1 and fixed[i - 1].isdigit() and fixed[i + 1].isdigit()):
                return None
            fixed[i] = _BETWEEN[ch]
    return None if fixed == list(tok) else fixed


# --- The OCR view: letter-spaced scans read as written -------------------------------------
# A scanned letter often comes back letter-spaced ("7 9 4 1 BN", "19 - 0 4 - 2 0 1 6",
# "Burg . Jansenstraat", "E . Kuiper") and with digits for letters ("Waa1wijk", "0kt0ber").
# No recogniser reads that. ``view`` gives the text as it was written, with for each of its
# characters the offset in the original, so spans found on it map back exactly. Only a text
# that shows the signs of such a scan is touched (a space before punctuation, three times).

_SPACED_PUNCT = re.compile(r"(?<=\w)[ \t]+(?=[,.:;!?](?:[ \t\n]|$))")
_DIGIT_RUN = re.compile(r"(?<!\w)\d+(?:[ \t]\d+)+")
_SPACED_SEPARATOR = re.compile(r"(?<=\d)[ \t]*([-/])[ \t]*(?=\d)")
_MIN_SIGNS = 3
# "rn" read for "m" at the start of a word (no Dutch word starts so: "rnevrouw", "rnijn"), or
# inside one when only the "m" makes it a Dutch word ("kornt", "novernber"); "lk" for "Ik".
_RN = re.compile(r"(?<![\w'’-])rn(?=[aeiouy])")
_RN_INSIDE = re.compile(r"[^\W\d_]+rn[^\W\d_]*")
_LK = re.compile(r"(?<![\w'’-])lk(?![\w'’-])")
_WORD_WITH_DIGIT = re.compile(r"[^\W_]*[01][^\W_]*")
_DIGIT_LOOKS = frozenset("01OoIl")


def spaced_signs(text: str) -> list[tuple[int, int]]:
    """The first spaces before punctuation when a scanner letter-spaced the text (three or
    more), else none (cheap: stops at the third)."""
    if sum(text.count(f" {mark}") for mark in ",.:") < _MIN_SIGNS:
        return []  # most texts: C speed, no regex
    signs = []
    for m in _SPACED_PUNCT.finditer(text):
        signs.append((max(0, m.start() - 1), m.end() + 1))  # the letter, the space, the mark
        if len(signs) >= _MIN_SIGNS:
            return signs
    return []


def view(text: str) -> tuple[str, list[int]] | None:
    """The scanned text as written and the original offset of each of its characters (plus
    one for the end); None when the text shows no letter-spacing."""
    if not spaced_signs(text):
        return None
    text = _letters(text)  # same length: "1 2 0kt0ber" is "1 2 oktober", then "12 oktober"
    cuts: list[tuple[int, int, str]] = []
    cuts += [(m.start(), m.end(), "") for m in _SPACED_PUNCT.finditer(text) if _closes(text, m)]
    for m in _DIGIT_RUN.finditer(text):
        cuts += _digit_joins(text, m)
    cuts += [(m.start(), m.end(), "m") for m in _RN.finditer(text)]
    cuts += _rn_inside(text)
    cuts += [(m.start(), m.end(), "Ik") for m in _LK.finditer(text)]
    for m in _SPACED_SEPARATOR.finditer(text):
        if m.end() - m.start() > 1:
            cuts.append((m.start(), m.end(), m.group(1)))
    return apply_cuts(text, cuts)


_LAST_WORD = re.compile(r"\w+$")


def _closes(text: str, m: re.Match[str]) -> bool:
    """A space before a comma or colon closes; before a dot only after an abbreviation or an
    initial ("Burg .", "E .", "geb ."): a word's full stop stays apart, so that a span
    ending in the word does not take in the space and the stop ("15 oktober .")."""
    if text[m.end()] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, m.start() - 6), m.start())
    return word is not None and len(word.group()) <= 4


def _digit_joins(text: str, run: re.Match[str]) -> list[tuple[int, int, str]]:
    """The spaces to close in a run of digit groups: between single digits ("7 9 4 1", and two
    next to a date separator: "- 0 4 -"), around a single digit between longer groups
    ("41 8 807"), and after a single digit glued to a number ("26-0 519"). "Straat 3 6211"
    (a house number, then a postcode) stays."""
    groups = [(g.start(), g.end()) for g in re.finditer(r"\d+", run.group())]
    base = run.start()
    sizes = [e - s for s, e in groups]
    before = text[max(0, run.start() - 3) : run.start()].rstrip(" \t")[-1:]
    after = text[run.end() : run.end() + 3].lstrip(" \t")[:1]
    at_separator = (bool(before) and before in "-/") or (bool(after) and after in "-/")
    joins: set[int] = set()  # index i: close the space between group i and i + 1
    i = 0
    while i < len(sizes):  # runs of single digits
        j = i
        while j < len(sizes) and sizes[j] == 1:
            j += 1
        singles = j - i
        if singles >= 3 or (singles == 2 and len(sizes) == 2 and at_separator):
            joins.update(range(i, j - 1))
        i = j + 1 if j == i else j
    for k in range(1, len(sizes) - 1):  # "41 8 807"
        if sizes[k] == 1 and sizes[k - 1] >= 2 and sizes[k + 1] >= 2:
            joins.update((k - 1, k))
    glued = text[max(0, run.start() - 2) : run.start()]
    if (
        sizes[0] == 1
        and sizes[1] >= 2
        and len(glued) == 2
        and glued[0].isdigit()
        and glued[1] in "-/"
    ):
        joins.add(0)  # "26-0 519"
    return [(base + groups[k][1], base + groups[k + 1][0], "") for k in sorted(joins)]


def _rn_inside(text: str) -> list[tuple[int, int, str]]:
    """The "rn" inside words that are Dutch words only with an "m" there ("gekornen")."""
    from nlp.anonymise.lexicons import load  # only for scanned texts; cached

    words = load().vocabulary
    cuts = []
    for m in _RN_INSIDE.finditer(text):
        word = m.group().lower()
        if word in words or word.replace("rn", "m") not in words:
            continue
        i = m.start() + word.index("rn")
        cuts.append((i, i + 2, "m"))
    return cuts


def _letters(text: str) -> str:
    """Words with a 0 or 1 for a letter read as letters ("Waa1wijk", "0kt0ber", "v00r",
    "Chant a1", "0BS"); same length. A word with another digit or starting with 1 ("1a", "10b",
    "1ste") stays: a number, as does a word of 0, 1 and their look-alikes alone ("O10", the
    area code of a phone number read with a letter O)."""
    out: list[str] | None = None
    for w in _WORD_WITH_DIGIT.finditer(text):
        word = w.group()
        if word[0] == "1" or not any(ch.isalpha() for ch in word):
            continue
        if any(ch.isdigit() and ch not in "01" for ch in word):
            continue
        if all(ch in _DIGIT_LOOKS for ch in word):
            continue  # "O10", "l0": only digits and their look-alikes, a number ("O10 - 48O")
        if out is None:
            out = list(text)
        caps = sum(ch.isupper() for ch in word) > sum(ch.islower() for ch in word)
        for i, ch in enumerate(word):
            if ch == "0":
                out[w.start() + i] = "O" if caps else "o"
            elif ch == "1":
                out[w.start() + i] = "I" if caps else "l"
    return text if out is None else "".join(out)
