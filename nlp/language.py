"""Which language a text is written in.

The anonymiser's lexicons and the theme model read Dutch. A letter in English, German or Polish
does reach the office now and then; what a Dutch model makes of it is a guess, so such a text is
said to be in another language (stored in ``documents.language``), gets no theme and waits for a
person (``controle nodig``, flag ``andere taal``). The identifier is langid.py's naive Bayes
model (``py3langid``, numpy only, shipped in the wheel); languages so close to Dutch that a Dutch
letter could be taken for them (Afrikaans, Frisian, Luxembourgish) are left out of its choice.

Each paragraph is judged on its own: a short Dutch e-mail under a long English disclaimer, or a
Dutch letter quoting an English report, is Dutch when its Dutch paragraphs carry a fair share of
the words (``MIN_DUTCH_SHARE``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

DUTCH = "nl"
UNKNOWN = "onbekend"
FLAG = "andere taal"  # the review flag of a text in another language
MIN_WORDS = 5  # fewer words say too little to tell a language by
MIN_CONFIDENCE = 0.9  # below this a paragraph is not counted for any language
MIN_DUTCH_SHARE = 0.15  # Dutch paragraphs with this share of the words make a text Dutch
_MAX_WORDS = 2000
_DUTCH_LOOKALIKES = frozenset({"af", "fy", "lb"})
_PARAGRAPH = re.compile(r"\n\s*\n")


@functools.cache
def load():
    """The identifier (about 0.5 s and 100 MB): loaded once per process, by the inbox's workers
    before a file's budget starts."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([c for c in identifier.nb_classes if c not in _DUTCH_LOOKALIKES])
    return identifier


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language ("nl", "en", "de", ...) or ``onbekend``."""
    words: Counter[str] = Counter()
    budget = _MAX_WORDS
    for paragraph in _PARAGRAPH.split(text):
        tokens = paragraph.split()[:budget]
        if len(tokens) < MIN_WORDS:
            continue
        budget -= len(tokens)
        language, confidence = load().classify(" ".join(tokens))
        if language == DUTCH or confidence >= MIN_CONFIDENCE:
            words[str(language)] += len(tokens)
        if budget <= 0:
            break
    total = sum(words.values())
    if not total:
        return UNKNOWN
    if words[DUTCH] >= MIN_DUTCH_SHARE * total:
        return DUTCH
    return words.most_common(1)[0][0]


def is_other_language(language: str | None) -> bool:
    """A language we know the text to be in, and it is not Dutch."""
    return bool(language) and language not in (DUTCH, UNKNOWN)
