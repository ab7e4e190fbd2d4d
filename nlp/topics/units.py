"""Content units: the passages of a letter that say what the complaint is about.

Clustering single sentences groups them by form (dates, greetings, "ik wil graag ..."). A unit
here is a paragraph, or a window of consecutive sentences of at most ``MAX_WORDS`` words inside a
long paragraph, after dropping header lines, greetings, closings, contact lines and sentences
without content words. Each unit carries its content lemmas (no stop words, no placeholders, no
names): they feed the lexical features and the topic words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nlp.framing import is_form
from schemas.entities import PLACEHOLDER

MAX_WORDS = 60  # a window longer than this mixes subjects
MIN_SENTENCE_LEMMAS = 2  # "Dat was in november." says nothing about a topic
MIN_UNIT_LEMMAS = 6

_PARAGRAPH = re.compile(r"\n\s*\n")
_KEEP = frozenset({"eigen"})  # spaCy stop word, but "eigen bijdrage" names a topic
_WORD = re.compile(r"[^\W\d_]{3,}")
# Words that are neither stop words nor about a complaint's subject: letter form and
# the names of the placeholders themselves.
_FORM_TEXT = (
    "persoon postcode plaats telefoon email bsn iban datum geboortedatum leeftijd "
    "zaaknummer kenteken url instelling geachte heer mevrouw groet vriendelijk klacht "
    "brief hierbij graag alvast bedankt dank januari februari maart april mei juni juli "
    "augustus september oktober november december maandag dinsdag woensdag donderdag "
    "vrijdag zaterdag zondag"
)
_FORM_WORDS = frozenset(_FORM_TEXT.split())


@dataclass(frozen=True)
class Unit:
    doc: int  # index of the complaint
    text: str  # anonymised passage (what a reader sees)
    sentences: tuple[str, ...]  # its sentences (embedded one by one, then averaged)
    lemmas: tuple[str, ...]  # content lemmas in order
    bigrams: tuple[str, ...] = ()  # "eigen bijdrage": content lemmas that stand side by side


@functools.cache
def _nlp():
    """spaCy's rule-based Dutch pipeline with lookup lemmas (the same on every machine)."""
    from nlp.pipeline import rule_based

    return rule_based()


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return (frozenset(STOP_WORDS) - _KEEP) | _FORM_WORDS


@functools.cache
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(names and places the anonymiser knows, Dutch vocabulary): a lowercased token in the
    first set and not in the second could be a name and never becomes a topic word."""
    try:
        from nlp.anonymise import lexicons
    except ImportError:  # pragma: no cover - the anonymiser is part of the project
        return frozenset(), frozenset()
    lex = lexicons.load()
    names = lex.first_names | lex.surnames | lex.places | lex.municipalities | lex.streets
    return frozenset(names), frozenset(lex.vocabulary) | frozenset(lex.common)


def looks_like_name(token: str, sentence_initial: bool) -> bool:
    """A token the anonymiser would replace, or that is written like a name: capitalised inside a
    sentence, or a possessive of a known name ("Kayleighs")."""
    names, vocabulary = _names()
    low = token.lower()
    if token[:1].isupper() and not sentence_initial:
        return True
    stems = {low} | ({low[:-1], low[:-2]} if low.endswith("s") else set())
    return any(s in names and s not in vocabulary for s in stems if s)


def _in_placeholder(tok) -> bool:
    """The label of a placeholder the tokenizer split ("[", "ADRES", "]"): never a content word,
    while the ordinary word "adres" ("het verkeerde adres") is one."""
    doc = tok.doc
    return tok.text.isupper() and tok.i > 0 and doc[tok.i - 1].text == "["


def _content_lemmas(sent) -> tuple[list[str], list[str]]:
    """(content lemmas, bigrams of adjacent content lemmas) of one sentence."""
    stop = _stop_words()
    out: list[str] = []
    bigrams: list[str] = []
    last = -2
    first = True
    for tok in sent:
        text = tok.text
        if PLACEHOLDER.fullmatch(text) or text in "[]" or _in_placeholder(tok):
            first = False
            continue
        if not tok.is_alpha:
            first = first and tok.is_punct
            continue
        initial, first = first, False
        lemma = (tok.lemma_ or text).lower()
        low = text.lower()
        if len(lemma) < 3 or not _WORD.fullmatch(lemma) or lemma in stop or low in stop:
            continue
        if looks_like_name(text, initial):
            continue
        if last == tok.i - 1 and out[-1] != lemma:
            bigrams.append(f"{out[-1]} {lemma}")
        out.append(lemma)
        last = tok.i
    return out, bigrams


def units(texts: Sequence[str]) -> list[Unit]:
    """Content units of anonymised complaint texts, in order."""
    paragraphs: list[tuple[int, str]] = []
    for doc, text in enumerate(texts):
        for raw in _PARAGRAPH.split(text):
            kept = [ln for ln in raw.splitlines() if ln.strip() and not is_form(ln)]
            if kept:
                paragraphs.append((doc, " ".join(" ".join(kept).split())))
    out: list[Unit] = []
    docs = _nlp().pipe((p for _, p in paragraphs), batch_size=256)
    for (doc, _), parsed in zip(paragraphs, docs, strict=True):
        sentences = [
            (s.text.strip(), *found)
            for s in parsed.sents
            if not is_form(s.text) and len((found := _content_lemmas(s))[0]) >= MIN_SENTENCE_LEMMAS
        ]
        out.extend(_windows(doc, sentences))
    return out


def _windows(doc: int, sentences: Iterable[tuple[str, list[str], list[str]]]) -> list[Unit]:
    """Consecutive sentences grouped into windows of at most MAX_WORDS words (one long sentence
    is a window on its own)."""
    out: list[Unit] = []
    texts: list[str] = []
    lemmas: list[str] = []
    bigrams: list[str] = []
    n_words = 0

    def flush() -> None:
        if texts and len(lemmas) >= MIN_UNIT_LEMMAS:
            out.append(Unit(doc, " ".join(texts), tuple(texts), tuple(lemmas), tuple(bigrams)))

    for text, lem, big in sentences:
        words = len(text.split())
        if texts and n_words + words > MAX_WORDS:
            flush()
            texts, lemmas, bigrams, n_words = [], [], [], 0
        texts.append(text)
        lemmas.extend(lem)
        bigrams.extend(big)
        n_words += words
    flush()
    return out
