"""Statistical NER from the spaCy pipeline (nl_core_news_lg when installed).

The offline rule-based pipeline has no NER component, so this yields nothing there: the other
recognisers carry the load. Chain organisations are taken out by the engine's allow-list.
"""

from __future__ import annotations

from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "ner"
labels = frozenset({EntityLabel.PERSOON, EntityLabel.INSTELLING, EntityLabel.PLAATS})

_MAP = {
    "PERSON": EntityLabel.PERSOON,
    "PER": EntityLabel.PERSOON,
    "ORG": EntityLabel.INSTELLING,
    "GPE": EntityLabel.PLAATS,
}


def find(ctx: Context) -> Iterator[Entity]:
    if not ctx.has_ner:
        return  # the offline pipeline has no NER component
    for ent in ctx.doc.ents:
        label = _MAP.get(ent.label_)
        if label is None:
            continue
        text = ent.text
        if label == EntityLabel.PERSOON and (text.isupper() or ctx.lex.is_role(text.lower())):
            continue
        if label == EntityLabel.PLAATS and text.lower() not in ctx.lex.places:
            continue  # countries and regions are not personal data
        yield entity(ent.start_char, ent.end_char, label, "ner", 0.8)
