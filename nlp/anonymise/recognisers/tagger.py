"""Person names proposed by the trained tagger (``nlp.anonymise.person_tagger``): names the
rules have no cue for ("Van der Hoek zei", a nickname, a lowercase surname in a chat). Yields
nothing when no fitted model is shipped."""

from __future__ import annotations

from collections.abc import Iterator

from nlp.anonymise import person_tagger
from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "namentagger"
LABEL = EntityLabel.PERSOON
labels = frozenset({LABEL})


def find(ctx: Context) -> Iterator[Entity]:
    model = person_tagger.current()
    if model is None:
        return
    for start, end, score in model.spans(ctx.tokens, ctx.text, ctx.lex):
        yield entity(start, end, LABEL, "tagger", round(score, 3))
