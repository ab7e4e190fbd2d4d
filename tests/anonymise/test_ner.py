"""The NER recogniser's mapping from spaCy labels, on a doc whose entities are set by hand.

This tests our handling of statistical entities (which labels count, countries stay, and the
engine's allow-list takes chain organisations out of what NER proposes); it does not stand in
for the model, whose output is only seen where nl_core_news_lg is installed.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from nlp.anonymise import lexicons
from nlp.anonymise.context import Context
from nlp.anonymise.protected import allow, find_protected
from nlp.anonymise.recognisers import ner


def test_ner_labels_are_mapped_and_filtered():
    nlp = spacy.blank("nl")
    doc = nlp("Wietske Bosma van Veilig Thuis woont in Zwolle en niet in Nederland .")
    doc.ents = [
        Span(doc, 0, 2, label="PERSON"),
        Span(doc, 3, 5, label="ORG"),
        Span(doc, 7, 8, label="GPE"),
        Span(doc, 11, 12, label="GPE"),
    ]
    lex = lexicons.load()
    ctx = Context(text=doc.text, doc=doc, lex=lex, has_ner=True)
    proposed = {(doc.text[e.start : e.end], e.label) for e in ner.find(ctx)}
    assert proposed == {
        ("Wietske Bosma", "PERSOON"),
        ("Veilig Thuis", "INSTELLING"),
        ("Zwolle", "PLAATS"),
    }
    kept = allow(list(ner.find(ctx)), find_protected(doc.text, lex), doc.text, lex)
    assert {(doc.text[e.start : e.end], e.label) for e in kept} == {
        ("Wietske Bosma", "PERSOON"),
        ("Zwolle", "PLAATS"),
    }
    assert list(ner.find(Context(text=doc.text, doc=doc, lex=lex, has_ner=False))) == []
