"""Which language a text is written in.

The anonymiser's lexicons and the theme model read Dutch. A letter in English, German or Polish
does reach the office now and then; what a Dutch model makes of it is a guess, so such a text is
said to be in another language (stored in ``documents.language``), gets no theme and waits for a
person (``controle nodig``). The identifier is langid.py's naive Bayes model (``py3langid``,
numpy only, shipped in the wheel); languages so close to Dutch that a Dutch letter could be taken
for them (Afrikaans, Frisian, Luxembourgish) are left out of its choice.
"""

from __future__ import annotations

import functools

DUTCH = "nl"
UNKNOWN = "onbekend"
MIN_WORDS = 5  # fewer words say too little to tell a language by
MIN_CONFIDENCE = 0.9  # below this a text is "onbekend", never another language
_MAX_WORDS = 2000
_DUTCH_LOOKALIKES = frozenset({"af", "fy", "lb"})


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([c for c in identifier.nb_classes if c not in _DUTCH_LOOKALIKES])
    return identifier


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language ("nl", "en", "de", ...) or ``onbekend``."""
    words = text.split()
    if len(words) < MIN_WORDS:
        return UNKNOWN
    language, confidence = _identifier().classify(" ".join(words[:_MAX_WORDS]))
    if language == DUTCH:
        return DUTCH
    return str(language) if confidence >= MIN_CONFIDENCE else UNKNOWN


def is_other_language(language: str | None) -> bool:
    """A language we know the text to be in, and it is not Dutch."""
    return bool(language) and language not in (DUTCH, UNKNOWN)
