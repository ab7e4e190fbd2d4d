"""Statistical NER from the spaCy pipeline (nl_core_news_lg when installed).

The offline rule-based pipeline has no NER component, so this yields nothing there: the other
recognisers carry the load. Chain organisations are never reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from schemas.records import Entity

_MAP = {"PERSON": "PERSOON", "PER": "PERSOON", "ORG": "INSTELLING", "GPE": "PLAATS"}


def find(ctx: Context) -> Iterator[Entity]:
    if not ctx.has_ner:
        return  # the offline pipeline has no NER component
    for ent in ctx.doc.ents:
        label = _MAP.get(ent.label_)
        if label is None or ctx.is_protected(ent.start_char, ent.end_char):
            continue
        text = ent.text
        if label == "PERSOON" and (text.isupper() or text.lower() in ctx.lex.roles):
            continue
        if label == "PLAATS" and text.lower() not in ctx.lex.places:
            continue  # countries and regions are not personal data
        yield entity(ent.start_char, ent.end_char, label, "ner", 0.8)
