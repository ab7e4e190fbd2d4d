"""The fast scans give exactly what the plain regular-expression scans give.

The speed-ups of issue 12 (``nlp.anonymise.scan`` and the pre-tests in the recognisers) must
not change a single span: each is compared here with the plain scan it replaces, on texts made
to hit the edges (matches at the very start and end, overlapping words, odd capitals).
"""

from __future__ import annotations

import random
import re

from nlp.anonymise import lexicons, linebreaks, protected, scan
from nlp.anonymise.recognisers import address, case_number, names

_WORDS = [
    "Jan", "van", "de", "Dam", "Kerkstraat", "12", "Dorpsweg", "3a", "kenmerk", "REF",
    "dossiernr.", "2024/1234", "patiëntnummer", "AB-12345", "mijn", "naam", "is", "heet",
    "Achternaam", ":", ",", ".", "-", "\n", "\n  ", "\t", "ſ", "İ", "ı", "K", "Laan", "str.",
    "4", "'t", "Ter", "Hof", "gracht", "1012", "AB",
]  # fmt: skip


def _texts(n: int = 400) -> list[str]:
    rng = random.Random(12)
    out = []
    for _ in range(n):
        words = rng.choices(_WORDS, k=rng.randint(1, 40))
        out.append("".join(w + rng.choice(["", " ", " ", "  ", "\n", "-"]) for w in words))
    return out


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_windowed_and_anchored_scans_equal_the_plain_scans():
    for text in _texts():
        assert _spans(linebreaks._interfix_breaks(text)) == _spans(
            linebreaks._INTERFIX_BREAK.finditer(text)
        )
        assert _spans(address._by_suffix(text)) == _spans(address._BY_SUFFIX.finditer(text))
        assert _spans(case_number._cues(text)) == _spans(case_number._CUE.finditer(text))


def test_the_introduction_pretest_only_skips_windows_the_pattern_cannot_match():
    for text in _texts():
        for end in range(len(text) + 1):
            window = text[max(0, end - 25) : end]
            assert names._introduced(window) == bool(names._NAME_IS.search(window))


def test_matches_at_tries_only_the_given_starts():
    rx = re.compile(r"ab+")
    text = "xabbb ab abab"
    assert _spans(scan.matches_at(rx, text, [1, 6, 9, 11])) == _spans(rx.finditer(text))
    assert [m.start() for m in scan.matches_at(rx, text, [6])] == [6]


def test_folded_text_keeps_offsets_or_declines():
    assert scan.folded("Kenmerk ÉÉN") == "kenmerk één"
    for odd in ("İ", "ı", "ſ", "\u212a"):
        assert scan.folded(f"kenmerk {odd}") is None


def test_case_odd_characters_cover_the_letters_compared_lowercased():
    """Every character that matches a letter of the cue words (or of how an introduction
    ends) case-insensitively either lowercases to it or is one the pre-tests decline."""
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    for words, odd in (
        (case_number._CUE_WORDS, scan._CASE_ODD),
        (names._NAME_IS_ENDS, names._FOLDS_TO_ASCII),
    ):
        for letter in {ch for word in words for ch in word}:
            for ch in re.findall(re.escape(letter), every, re.IGNORECASE):
                assert ch.lower() == letter or ch in odd, (letter, ch)


def test_chain_organisations_pattern_has_the_plain_matches():
    lex = lexicons.load()
    ordered = sorted(lex.chain_orgs, key=len, reverse=True)
    plain = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in ordered) + r")\b")
    fast = protected._pattern(lex.chain_orgs)
    text = " ".join(lex.chain_orgs) + " x" + "".join(n.lower() for n in lex.chain_orgs)
    assert _spans(fast.finditer(text)) == _spans(plain.finditer(text))
