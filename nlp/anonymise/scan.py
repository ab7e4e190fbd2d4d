"""Regular-expression scans that skip the stretches of a text where no match can start.

Some patterns are costly to try at every character but can only match near something cheap to
find (a line end, a street word before a digit, a cue word). ``finditer`` (windows of possible
starts) and ``matches_at`` (a list of possible starts) take that knowledge and give exactly what
``rx.finditer(text)`` gives, at a fraction of the cost. ``folded`` and ``starts`` find words in
the lowercased text, where a case-insensitive expression would try every character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def finditer(
    rx: re.Pattern[str], text: str, windows: Iterable[tuple[int, int, int]]
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, trying only the starts inside ``windows``.

    Each window is (first, last, end): an attempt to match from a start in [first, last] reads
    no character at or after ``end``. Every match must start inside some window, the windows
    must come with ``first`` and ``last`` both non-decreasing, and ``rx`` must never match the
    empty string. Then each search below tries the same starts in the same order as the full
    scan, bounded at ``end`` without changing any attempt (none reads that far), and a hit
    past ``last`` (where the bound might matter) is not taken.
    """
    pos = 0
    for first, last, end in windows:
        while last >= pos:
            m = rx.search(text, max(first, pos), end)
            if m is None or m.start() > last:
                break
            yield m
            pos = m.end()


# Characters that match a letter of another case under re.IGNORECASE without lowercasing to it
# ("ſ" matches "s", "ı" "i"), "İ", whose lowercase is two characters, and the Kelvin sign.
# Without them, ``text.lower()`` keeps every offset, and a lowercase word of ASCII letters (or
# of letters such as "ë" with no other case partner; tests/anonymise/test_scan.py checks the
# words used) occurs in it exactly where the word matches the text case-insensitively. Not so
# for every script: Greek "σ" also matches "ς".
_CASE_ODD = frozenset("İıſ\u212a")


def folded(text: str) -> str | None:
    """``text.lower()`` when it keeps the offsets and agrees with re.IGNORECASE, else None."""
    return text.lower() if _CASE_ODD.isdisjoint(text) else None


def starts(folded_text: str, words: Iterable[str]) -> list[int]:
    """The offsets where any of ``words`` (lowercase) occurs in ``folded_text``, sorted, one
    word inside another included."""
    found: set[int] = set()
    for word in words:
        at = folded_text.find(word)
        while at >= 0:
            found.add(at)
            at = folded_text.find(word, at + 1)
    return sorted(found)


def matches_at(rx: re.Pattern[str], text: str, offsets: Iterable[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` when every match starts at one of ``offsets`` (sorted) and ``rx``
    never matches the empty string: the same attempts, at those offsets only."""
    pos = 0
    for at in offsets:
        if at < pos:
            continue
        m = rx.match(text, at)
        if m is not None:
            yield m
            pos = m.end()
