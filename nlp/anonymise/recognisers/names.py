"""Person names from Dutch name knowledge and context cues.

A name chain is a run of initials, first names, tussenvoegsels and capitalised words
(hyphenated double names included). A chain is a PERSOON when something vouches for it:
- a title or role word directly before it (mevrouw, dhr., gezinsvoogd, mijn zoon),
- "mijn naam is" / "ik ben" before it, or its place in a signature block,
- initials (J.P. de Jong), or
- a first name from the name list that is not an ordinary Dutch word, or a first name
  followed by a surname-like word.
Lowercase names in informal mail count when the word is a known first name and not Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.tokens import Token
from spacy.vocab import Vocab

from nlp.anonymise.context import Context, entity
from nlp.anonymise.lexicons import INTERFIXES, MONTHS, WEEKDAYS, Lexicons
from schemas.records import Entity

LABEL = "PERSOON"
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,4}$|^(?:[A-Z]\.)+[A-Z]$|^[A-Z]$")
_NAME_SHAPE = re.compile(r"^[A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃÇĞİÖÜ][\w'’À-ž]*(?:-[A-ZÀ-ÞŁŚŞ][\w'’À-ž]*)*$")
_SIGN_OFF = re.compile(
    r"(?:vriendelijke|hartelijke|beste|warme)\s+groet(?:en)?|hoogachtend|groetjes"
    r"|\bgroet(?:en)?\s*,|\bmvg\b",
    re.IGNORECASE,
)
_NAME_IS = re.compile(r"(?:mijn naam is|ik ben|ik heet|namens|ondergetekende)\s*,?\s*$", re.I)
_STOP = frozenset(MONTHS + WEEKDAYS) | STOP_WORDS


def _is_name_shaped(token: Token) -> bool:
    """Capitalised word (not an all-caps acronym such as GI or OTS)."""
    return bool(_NAME_SHAPE.match(token.text)) and not token.text.isupper()


def _is_interfix(token: Token) -> bool:
    return token.lower_ in INTERFIXES


def _chain_end(tokens: list[Token], i: int, lex: Lexicons) -> int:
    """Extend a name chain from token i; return the index after its last name token."""
    j = i
    last_name = i - 1
    while j < len(tokens):
        t = tokens[j]
        if _INITIALS.match(t.text) or (_is_name_shaped(t) and t.lower_ not in _STOP):
            if not _token_ok(t, lex) and (j > i or t.lower_.rstrip(".") in lex.titles):
                break
            last_name = j
            j += 1
        elif (_is_interfix(t) and j + 1 < len(tokens)) or (
            t.text in "-" and last_name == j - 1 and j + 1 < len(tokens)
        ):
            j += 1
        else:
            break
        if t.whitespace_ and "\n" in t.whitespace_:
            break
    return last_name + 1


def _token_ok(t: Token, lex: Lexicons) -> bool:
    word = t.lower_.rstrip(".")
    if word in INTERFIXES:
        return True
    return word not in _STOP and word not in lex.roles and word not in lex.titles


def find(ctx: Context) -> Iterator[Entity]:
    lex = ctx.lex
    tokens = ctx.tokens
    n = len(tokens)
    i = 0
    lowercase_starts = _lowercase_starts(ctx.doc.vocab, lex)
    while i < n:
        t = tokens[i]
        # Cheap C-level checks first: most tokens are lowercase words or punctuation that
        # cannot start a name (hash look-up, no string is built).
        if (
            t.is_punct
            or t.is_space
            or t.like_num
            or (t.is_lower and t.lower not in lowercase_starts)
        ):
            i += 1
            continue
        initials = bool(_INITIALS.match(t.text)) and len(t.text) >= 2
        if not (initials or _is_name_shaped(t) or t.is_lower):
            i += 1
            continue
        prev = tokens[i - 1] if i else None
        cue = _cue_before(ctx, tokens, i)
        if cue == "role" and t.is_lower and _is_interfix(t):
            cue = None  # "moeder van Sven": after a role word, a lowercase "van" is a preposition
        starts_chain = initials or _is_name_shaped(t) or (cue and _is_interfix(t))
        if starts_chain and _token_ok(t, lex):
            end = _chain_end(tokens, i, lex)
            while (
                not cue
                and end - i > 1
                and lex.is_dutch_word(t.text)
                and t.lower_ not in lex.first_names
            ):
                i += 1  # "Ook Anna de Ridder": the sentence's first word is not the name
                t = tokens[i]
                prev = tokens[i - 1]
            if end > i:
                span_tokens = tokens[i:end]
                start_c, end_c = span_tokens[0].idx, span_tokens[-1].idx + len(span_tokens[-1])
                if not ctx.is_protected(start_c, end_c) and _vouched(span_tokens, cue, prev, lex):
                    yield entity(start_c, end_c, LABEL, "names-cue" if cue else "names-list")
                    i = end
                    continue
        elif (
            t.is_lower
            and len(t.text) >= 3
            and t.lower_ in lex.first_names
            and t.lower_ not in _STOP
            and (not lex.is_dutch_word(t.text) or cue in ("role", "title"))
            and not ctx.is_protected(t.idx, t.idx + len(t))
        ):
            # informal mail: "ik heb fatima gebeld"
            yield entity(t.idx, t.idx + len(t), LABEL, "names-lowercase", 0.7)
        i += 1
    yield from _signature(ctx)
    yield from _name_with_age(ctx)


_AGE_AFTER = re.compile(r"\b([A-ZÀ-ÞŁŚŞ][\w'’À-ž-]+)\s?\(\d{1,2}(?:\s?jaar)?\)")


def _name_with_age(ctx: Context) -> Iterator[Entity]:
    """ "Oliwia (10) en Kacper (6)": a capitalised word with an age in brackets is a child's
    name, unless it is an ordinary word ("Kinderen (3)")."""
    lex = ctx.lex
    for m in _AGE_AFTER.finditer(ctx.text):
        word = m.group(1)
        low = word.lower()
        if low in _STOP or low in lex.roles or word.isupper():
            continue
        if lex.is_dutch_word(word) and low not in lex.first_names:
            continue
        if not ctx.is_protected(m.start(1), m.end(1)):
            yield entity(m.start(1), m.end(1), LABEL, "names-age")


_LOWER_CACHE: dict[int, frozenset[int]] = {}


def _lowercase_starts(vocab: Vocab, lex: Lexicons) -> frozenset[int]:
    """Hashes of the lowercase words that can start a name: first names and tussenvoegsels."""
    key = id(vocab)
    if key not in _LOWER_CACHE:
        _LOWER_CACHE[key] = frozenset(vocab.strings.add(w) for w in (*lex.first_names, *INTERFIXES))
    return _LOWER_CACHE[key]


def _cue_before(ctx: Context, tokens: list[Token], i: int) -> str | None:
    """What announces a name at token i: "title", "role", "intro" (mijn naam is), or None."""
    if i == 0:
        return None
    prev = tokens[i - 1]
    word = prev.lower_.rstrip(".")
    if prev.text == "." and i >= 2:
        # "Mw. de Boer" (tokenised Mw + .): only a title may stand before the period
        abbr = tokens[i - 2]
        return "title" if not abbr.whitespace_ and abbr.lower_ in ctx.lex.titles else None
    if word in ctx.lex.titles or (i >= 2 and f"{tokens[i - 2].lower_} {word}" in ctx.lex.titles):
        return "title"
    if word in ctx.lex.roles:
        return "role"
    if prev.text == "," and i >= 2 and tokens[i - 2].lower_ in ctx.lex.roles:
        return "role"  # "mijn man, Rob"
    before = ctx.text[max(0, tokens[i].idx - 25) : tokens[i].idx]
    return "intro" if _NAME_IS.search(before) else None


def _vouched(span: list[Token], cue: str | None, prev: Token | None, lex: Lexicons) -> bool:
    if cue:
        return True
    words = [t for t in span if not _is_interfix(t) and t.text != "-"]
    if not words:
        return False
    if any(_INITIALS.match(t.text) for t in words) and len(words) >= 2:
        return True
    first = words[0]
    # Sentence start judged from the neighbour (no sentence segmentation needed).
    sentence_start = (
        prev is None or prev.text in {".", "!", "?", ":"} or "\n" in prev.text + prev.whitespace_
    )
    known_first = [t for t in words if t.lower_ in lex.first_names]
    if not known_first:
        # Two or more capitalised unknown words mid-sentence with a known surname.
        return (
            len(words) >= 2
            and not sentence_start
            and any(t.lower_ in lex.surnames and not lex.is_dutch_word(t.text) for t in words)
        )
    if len(words) >= 2:
        return True
    # A single known first name: only when it is not an ordinary Dutch word.
    return not lex.is_dutch_word(first.text) and (not sentence_start or len(first.text) > 3)


def _signature(ctx: Context) -> Iterator[Entity]:
    """The first non-empty line after a sign-off is the writer's name."""
    text = ctx.text
    for m in _SIGN_OFF.finditer(text):
        rest = text[m.end() :]
        offset = m.end()
        for line in rest.split("\n")[:3]:
            stripped = line.strip(" ,\t\r")
            if not stripped:
                offset += len(line) + 1
                continue
            words = stripped.split()
            if 1 <= len(words) <= 5 and all(
                w[:1].isupper() or w.lower() in INTERFIXES or _INITIALS.match(w) for w in words
            ):
                start = text.index(stripped, offset)
                if not ctx.is_protected(start, start + len(stripped)):
                    yield entity(start, start + len(stripped), LABEL, "names-signature")
            break
