"""Token features for the trained person-name tagger (``person_tagger``).

The rules ask fixed questions ("is a title right before it?"); the tagger weighs the same kinds
of evidence, learnt from annotated letters: the word's shape, the name lists, whether it is a
Dutch or English word, how name-like its letters are, its place in the sentence and line, the
words around it and their shapes, cue words before it (titles, roles, "heet", "mijn zoon"), and
whether the document writes the same word with a capital mid-sentence elsewhere.

Only *candidate* tokens are scored: words that could be a name (capitalised, or lowercase but
in a name list or no Dutch word). Ordinary lowercase words and punctuation never are, which
keeps the tagger cheap. Features are strings, hashed into a fixed number of buckets: the
fitted weights hold no word of the training text.

Because the model is linear, a token's score is a sum of parts that depend on one word only
(the word itself, or a neighbour in a given position) plus a few positional features; those
parts are cached per word, so scoring a letter costs a few dictionary look-ups per candidate.
Training and scoring share ``word_features`` and ``position_features``.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from dataclasses import dataclass

from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.tokens import Token

from nlp.anonymise import namelike
from nlp.anonymise.lexicons import INTERFIXES, Lexicons
from nlp.anonymise.namelike import english_word
from schemas.dutch_calendar import MONTHS, WEEKDAYS

BUCKETS = 2**18
FEATURE_VERSION = "1"  # change when a feature changes: the shipped weights must be retrained
ROLES = ("p2", "p1", "n1", "n2")  # neighbour positions, as offsets -2, -1, +1, +2
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,4}[A-Z]?$")
_CALENDAR = frozenset(MONTHS + WEEKDAYS)
_END = frozenset([".", "!", "?", ":", ";"])
# An introduction before a name ("mijn naam is", "heet", "genaamd", "Naam:", "my name is").
_INTRO = re.compile(
    r"(?:mijn naam is|ik ben|\bheet|\bheette|\bgenaamd|\bgenoemd|namens|ondergetekende"
    r"|my name is|\bi am|\bnamed|\bcalled|\bnaam[ \t]*:|\bnamen[ \t]*:"
    # a nickname: "wij noemen hem Dje", "zijn roepnaam is", "bijnaam"
    r"|\bnoem(?:en|t|de|den)?[ \t]+(?:hem|haar|mij|me|ons|hen)"
    r"|\b(?:roep|bij|achter|voor)naam(?:[ \t]+(?:is|was))?"
    r")\s*,?\s*$",
    re.I,
)
_SIGN_OFF = re.compile(
    r"(?:groet(?:en|jes)?|hoogachtend|\bmvg|regards|liefs|dank je wel|bedankt)[ \t,!.]*\n"
    r"(?:[ \t]*\n)?[ \t]*$",
    re.I,
)


_BROKEN = re.compile(r"-[ \t]*\n[ \t]*$")


@functools.cache
def _frequencies(lang: str) -> dict[str, float]:
    try:
        from wordfreq import get_frequency_dict
    except ModuleNotFoundError:
        return {}
    return get_frequency_dict(lang)


def preload() -> None:
    """Load the Dutch and English word frequencies now (wordfreq reads them on first use)."""
    for lang, word in (("nl", "de"), ("en", "the")):
        _frequencies(lang)
        try:
            from wordfreq import zipf_frequency
        except ModuleNotFoundError:
            return
        zipf_frequency(word, lang)


def _zipf(word: str, lang: str) -> int:
    """Zipf frequency bucket (0-6) of a lowercase word: a dictionary look-up, not wordfreq's
    tokenising ``zipf_frequency`` (the same figure for a single word, and far cheaper)."""
    if not (word.isascii() and word.isalpha()):  # "verbeek-de", "zoë": wordfreq's tokens
        try:
            from wordfreq import zipf_frequency
        except ModuleNotFoundError:
            return 0
        return min(int(zipf_frequency(word, lang)), 6)
    f = _frequencies(lang).get(word, 0.0)
    return min(int(round(math.log10(f * 1e9), 2)), 6) if f > 1e-9 else 0  # as wordfreq rounds


# How an introduction can end (a cheap test before the regular expression).
_INTRO_ENDS = (
    "is", "ben", "heet", "heette", "genaamd", "genoemd", "namens", "ondergetekende", "am",
    "named", "called", ":", "hem", "haar", "mij", "me", "ons", "hen", "naam", "was",
)  # fmt: skip


def _introduced(text: str, start: int) -> bool:
    before = text[max(0, start - 25) : start].rstrip()
    if before.endswith(","):
        before = before[:-1].rstrip()
    if not before.lower().endswith(_INTRO_ENDS):
        return False
    return bool(_INTRO.search(text, max(0, start - 25), start))


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode()) & (BUCKETS - 1)


def _shape(word: str) -> str:
    """Letters as X/x, digits as d, other characters kept; runs collapsed ("Petra" -> "Xx",
    "M.A." -> "X.X.", "d'Ancona" -> "x'Xx")."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


@dataclass(frozen=True)
class WordInfo:
    """What the features need to know about one word, looked up once per word form."""

    candidate: bool  # could be (part of) a name: scored by the tagger
    cap: bool
    interfix: bool
    title: bool
    role: bool
    lexclass: str  # first name / surname / Dutch word / capital, as one class
    own: tuple[str, ...]  # the word's own features
    as_neighbour: tuple[str, ...]  # how it reads as a neighbour (prefixed with the position)


def word_info(text: str, lex: Lexicons) -> WordInfo:
    low = text.lower()
    alpha = any(ch.isalpha() for ch in text)
    cap = text[:1].isupper()
    word = low.rstrip(".")
    interfix = low in INTERFIXES
    title = word in lex.titles
    role = alpha and lex.is_role(word)
    fn = low in lex.first_names
    sn = low in lex.surnames
    dutch = lex.is_dutch_word(low)
    common = low in lex.common
    stop = low in STOP_WORDS
    shape = _shape(text)
    lexclass = f"{int(fn)}{int(sn)}{int(dutch)}{int(cap)}"
    candidate = (
        alpha
        and len(text) >= 2
        and not interfix
        and (cap or (not stop and (fn or sn or (not dutch and not common))))
    )
    ident = low if (dutch or common or title or role or interfix or not alpha) else ""
    flags = _flags(text, low, lex, title, role) if alpha else []
    nb = [f"i={ident}" if ident else f"s={shape}", f"lc={lexclass}"]
    nb += [f"f={f}" for f in flags if f in _NEIGHBOUR_FLAGS]
    if interfix:
        nb.append(f"ix|c={int(cap)}")
    own: list[str] = []
    if candidate:  # the costlier look-ups only for the words that are scored
        if english_word(low):
            flags.append("english")
        flags = (["stop"] if stop else []) + (["common"] if common else []) + flags
        own = ["bias", f"s={shape}", f"i={ident}" if ident else "i=?", f"lc={lexclass}"]
        own += [f"f={f}|c={int(cap)}" for f in flags]
        if not dutch and len(low) >= 3 and low.isalpha():
            score = namelike.load(lex).score(low)
            own.append(f"nl={min(int(score * 5), 4)}|c={int(cap)}|fn={int(fn or sn)}")
        if len(low) >= 5:
            own.append(f"suf={low[-3:]}")
        # How frequent the word is in Dutch and in English (names are rare in both).
        own.append(f"zn={_zipf(low, 'nl')}|c={int(cap)}|fn={int(fn or sn)}")
        own.append(f"ze={_zipf(low, 'en')}|c={int(cap)}")
        own.append(f"len={min(len(text), 12)}")
    return WordInfo(
        candidate=bool(candidate),
        cap=cap,
        interfix=interfix,
        title=title,
        role=role,
        lexclass=lexclass,
        own=tuple(own),
        as_neighbour=tuple(nb),
    )


_NEIGHBOUR_FLAGS = frozenset(["title", "role", "initials", "place", "calendar"])


def _flags(text: str, low: str, lex: Lexicons, title: bool, role: bool) -> list[str]:
    """Cheap lexicon flags of a word with letters."""
    flags = []
    if low in lex.places:
        flags.append("place")
    if role:
        flags.append("role")
    if title:
        flags.append("title")
    if low.rstrip(".") in _CALENDAR:
        flags.append("calendar")
    if _INITIALS.match(text):
        flags.append("initials")
    if text.isupper() and len(text) > 1:
        flags.append("allcaps")
    if low in lex.regions and low not in lex.places:
        flags.append("region")
    if low in lex.streets:
        flags.append("street")
    if not text.isascii() and any(ch.isalpha() and ord(ch) > 0x24F for ch in text):
        flags.append("nonlatin")
    return flags


def neighbour_features(info: WordInfo, role: str) -> list[str]:
    return [f"{role}{f}" for f in info.as_neighbour]


def sentence_start(tokens: list[Token], i: int) -> bool:
    """No sentence segmentation needed: judged from the previous token."""
    if i == 0:
        return True
    prev = tokens[i - 1]
    return prev.text in _END or "\n" in prev.text or "\n" in prev.whitespace_


def capitalised_mid_sentence(tokens: list[Token], infos: list[WordInfo]) -> dict[str, int]:
    """Per lowercased word: how often the document writes it capitalised mid-sentence (a hint
    that "Bos" or "Jure" is a name where the sentence start cannot tell)."""
    seen: dict[str, int] = {}
    for i, info in enumerate(infos):
        if info.cap and not sentence_start(tokens, i):
            low = tokens[i].lower_
            seen[low] = seen.get(low, 0) + 1
    return seen


def position_key(
    tokens: list[Token],
    infos: list[WordInfo],
    i: int,
    text: str,
    cap_mid: dict[str, int],
) -> tuple:
    """What the positional features of token i depend on, as a small tuple (scoring caches
    the weights per tuple; ``position_features`` spells it out)."""
    info = infos[i]
    t = tokens[i]
    ss = sentence_start(tokens, i)
    prev = infos[i - 1] if i else None
    prev2 = infos[i - 2] if i > 1 else None
    nxt = infos[i + 1] if i + 1 < len(tokens) else None
    line_start = i == 0 or "\n" in tokens[i - 1].text or "\n" in tokens[i - 1].whitespace_
    # A cue right before: a title or role word, directly or before a comma or period.
    cue = ""
    if prev is not None and (prev.title or prev.role):
        cue = "title" if prev.title else "role"
    elif prev2 is not None and tokens[i - 1].text in {",", "."} and (prev2.title or prev2.role):
        cue = "title2" if prev2.title else "role2"
    # "Klachtencommis-\nsie": the end of a hyphenated word
    fragment = line_start and bool(_BROKEN.search(text, max(0, t.idx - 25), t.idx))
    k = i  # an introduction before the tussenvoegsels: "achternaam van der meulen"
    while k > 0 and infos[k - 1].interfix:
        k -= 1
    intro = _introduced(text, tokens[k].idx)
    signoff = line_start and bool(_SIGN_OFF.search(text, max(0, t.idx - 40), t.idx))
    others = min(cap_mid.get(t.lower_, 0) - (1 if info.cap and not ss else 0), 2)
    run = None
    if prev is not None and prev.interfix:
        # "Van der Hoek zei", "mevrouw van Dam", "Jan de Vries": how the run of
        # tussenvoegsels before the word starts, and what stands before it.
        before_run = infos[k - 1] if k else None
        run = (
            infos[k].cap,
            sentence_start(tokens, k),
            before_run.lexclass if before_run is not None else None,
            before_run.title if before_run is not None else False,
        )
    return (
        info.cap,
        info.lexclass,
        ss,
        line_start,
        cue,
        fragment,
        intro,
        signoff,
        others,
        prev.lexclass if prev is not None else None,
        run,
        nxt.lexclass if nxt is not None else None,
    )


def position_features(key: tuple) -> list[str]:
    """The positional features of a token, from its ``position_key``."""
    cap_b, lexclass, ss, line_start, cue, fragment, intro, signoff, others, pc, run, nc = key
    cap = int(cap_b)
    out = [f"ss={int(ss)}|lc={lexclass}"]
    if line_start:
        out.append(f"ls|c={cap}")
    if cue:
        out.append(f"cue={cue}|c={cap}|lc={lexclass}")
    if fragment:
        out.append("fragment")
    if intro:
        out.append(f"intro|c={cap}")
    if signoff:
        out.append(f"signoff|c={cap}")
    out.append(f"capmid={others}|c={cap}|ss={int(ss)}")
    if pc is not None:
        out.append(f"pc={pc}|c={cap}")
        if run is not None:
            c0, ss_run, before_lc, before_title = run
            out.append(f"ix|c0={int(c0)}|ss={int(ss_run)}|c={cap}")
            if before_lc is not None:
                out.append(f"ixp={before_lc}|t={int(before_title)}|c={cap}")
    if nc is not None:
        out.append(f"nc={nc}|c={cap}")
    return out
