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


# Patterns rewritten for speed: (module, name, fragment now, fragment as first written). The
# rewrite consumes the first character before a look-behind over it and the one before, or
# adds a look-ahead of the possible first characters; the matches must be the same.
_REWRITTEN = [
    ("recognisers.bsn", "_RE", r"\d(?<!\d\d)(?<![\d][.,/-]\d)", r"(?<!\d)(?<![\d][.,/-])\d"),
    ("recognisers.postcode", "_RE", r"[1-9](?<!\w.)", r"\b[1-9]"),
    ("recognisers.plate", "_RE", r"([A-Z0-9](?<!\w.)[A-Z0-9]{0,2}", r"\b([A-Z0-9]{1,3"),
    ("recognisers.places", "_CAP_WORD", r"[A-Z](?<!\w.)", r"\b[A-Z]"),
    ("residual", "_CAP_WORD", r"([A-Z](?<=[a-z,;]\s.)", r"(?<=[a-z,;]\s)([A-Z]"),
    ("recognisers.address", "_BARE", r"[A-Z](?<![\w'’-].)", r"(?<![\w'’-])[A-Z]"),
    ("recognisers.address", "_APART", r"[A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃĞİ](?<!\w.)",
     r"\b[A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃĞİ]"),
    ("recognisers.names", "_LOWER_WORD", r"[a-zà-öø-ÿ](?<![\w@./'’-].)[a-zà-öø-ÿ]{3,}",
     r"(?<![\w@./'’-])[a-zà-öø-ÿ]{4,}"),
    ("recognisers.institution", "_SCHOOL_SUFFIX",
     r"[A-Z](?<!\w.)[\w'’-]*\s+(?:[A-Z][\w'’-]*\s+){0,2}", r"\b(?:[A-Z][\w'’-]*\s+){1,3}"),
    ("extend", "_WORD", r"[A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃÇĞİ](?<![\w@.-].)(?<!\w['’].)",
     r"(?<![\w@.-])(?<!\w['’])[A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃÇĞİ]"),
    ("recognisers.phone", "INTL_RE", r"(?:\+(?<![\w+].)|0(?<![\w+].)0)", r"(?<![\w+])(?:\+|00)"),
    ("recognisers.case_number", "_YEAR_NUMBER", r"(?:1(?<![\w/.-]1)9|2(?<![\w/.-]2)0)",
     r"(?<![\w/.-])(?:19|20)"),
    ("recognisers.case_number", "_GROUPS", r"\d(?<![\w.,\-+€]\d)\d{1,4}",
     r"(?<![\w.,\-+€])\d{2,5}"),
    ("linebreaks", "_HYPHEN_BREAK", r"-(?<=[^\W\d_]-)", r"(?<=[^\W\d_])-"),
    ("shouting", "_RUN", r"[A-ZÀ-ÖØ-ÞĞİŁŚŞŻŹĆŃÇ](?<![\w-].)", r"(?<![\w-])[A-ZÀ-ÖØ-ÞĞİŁŚŞŻŹĆŃÇ]"),
]  # fmt: skip
_WHOLE = {  # rewritten as a whole: the pattern as first written
    ("recognisers.case_number", "_CODE"): (
        r"\b[A-Z]{1,5}(?:[-/][A-Z]{1,5})?(?:[-/ ])(?:\d{2,4}[-/])?\d{2,4}[-/]\d{2,7}\b"
        r"|\b[A-Z]{2,5}[-/]\d{5,10}\b"
    ),
    ("recognisers.phone", "NL_RE"): (
        r"(?<![\w+(])(?:(?:\+|00)\s?31\s?(?:\(0\)\s?)?|\(\s?0(?=\d{1,3}\s?\))|0)"
        r"(?:[\s.\-/)]{0,3}\d){9}(?!\d)"
    ),
    ("residual", "_TITLE_NAME"): (
        r"\b(?:mevrouw|mevr\.|mw\.|meneer|dhr\.|de heer|juf|meester)[ \t]+([A-Z][\w'’-]+)"
    ),
    ("recognisers.names", "_SIGN_OFF"): (
        r"(?:vriendelijke|hartelijke|beste|warme)\s+groet(?:en)?|hoogachtend|groetjes"
        r"|\bgroet(?:en)?\s*,|\bmvg\b"
    ),
}


def _random_texts(n: int = 3000) -> list[str]:
    pieces = list("AB19200-/. \n\t,€+@_éxyzK(")
    pieces += ["19", "20", "RK", "AB", "12", "2024", "0772", " 345", " 67", " 8901", "٣", "Jan"]
    pieces += ["de ", "mevrouw ", "dhr. ", "werkt ", "bij ", "Het ", "College", "Kerkstraat"]
    pieces += [" 12", "Laan", "Gracht ", "+31 6 ", "0031 ", "(020) ", "06-", "ß", "Ø", "×", "’"]
    pieces += ["groeten,", "Met vriendelijke groet", "mvg", "ij", "; ", "Laan 4", "JAN DE VRIES"]
    rng = random.Random(4)
    return ["".join(rng.choices(pieces, k=rng.randint(1, 50))) for _ in range(n)] + _texts()


def test_rewritten_patterns_match_as_first_written():
    import importlib

    texts = _random_texts()
    checked = 0
    for module, name, now, before in _REWRITTEN:
        rx = getattr(importlib.import_module(f"nlp.anonymise.{module}"), name)
        assert rx.pattern.count(now) == 1, (module, name)
        plain = re.compile(rx.pattern.replace(now, before), rx.flags)
        for text in texts:
            assert _spans(rx.finditer(text)) == _spans(plain.finditer(text)), (module, name)
        checked += 1
    for (module, name), before in _WHOLE.items():
        rx = getattr(importlib.import_module(f"nlp.anonymise.{module}"), name)
        plain = re.compile(before, rx.flags)
        for text in texts:
            assert _spans(rx.finditer(text)) == _spans(plain.finditer(text)), (module, name)
            if name == "NL_RE":
                assert bool(rx.fullmatch(text)) == bool(plain.fullmatch(text))
        checked += 1
    assert checked == len(_REWRITTEN) + len(_WHOLE)
