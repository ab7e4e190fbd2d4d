"""A small Dutch spaCy pipeline of our own, saved to disk: blank("nl") with an ``ner``
component trained on a handful of invented sentences (the OntoNotes-style labels that
nl_core_news_lg uses: PERSON, ORG, GPE) and a few word vectors. It stands in for an installed
statistical model, so the code path taken when one is installed runs in CI."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import spacy
from spacy.training import Example

# Invented people with names that are in no first-name list, so only NER can find them.
PEOPLE = ("Brammert Oosterwold", "Quirina Zandbergen", "Teunke Wapperveld")

_TEMPLATES = (
    ("Gisteren belde {p} van {o} over de plaatsing.", "{p}", "{o}"),
    ("Ik heb {p} gevraagd om het verslag aan te passen.", "{p}", None),
    ("De jeugdbeschermer {p} kwam niet op de afspraak.", "{p}", None),
    ("Volgens {p} besliste {o} zonder overleg.", "{p}", "{o}"),
    ("Wij wonen sinds maart in {g} en {p} weet dat.", "{p}", None),
    ("Het gesprek met {p} in {g} duurde tien minuten.", "{p}", None),
)
_ORGS = ("Stichting Kompasroos", "Jeugdzorg Vlietland")
_PLACES = ("Zwolle", "Assen")


def _examples(nlp: spacy.Language) -> list[Example]:
    out = []
    for i, person in enumerate(PEOPLE):
        for j, (template, _, _) in enumerate(_TEMPLATES):
            org, place = _ORGS[(i + j) % 2], _PLACES[(i + j) % 2]
            text = template.format(p=person, o=org, g=place)
            ents = [(text.index(person), text.index(person) + len(person), "PERSON")]
            if "{o}" in template:
                ents.append((text.index(org), text.index(org) + len(org), "ORG"))
            if "{g}" in template:
                ents.append((text.index(place), text.index(place) + len(place), "GPE"))
            out.append(Example.from_dict(nlp.make_doc(text), {"entities": ents}))
    return out


def build(folder: Path, seed: int = 7) -> Path:
    """Train and save the pipeline into ``folder``; returns the folder."""
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("nl")
    nlp.meta["name"] = "testpijplijn"
    nlp.meta["version"] = "0.1.0"
    ner = nlp.add_pipe("ner")
    for label in ("PERSON", "ORG", "GPE"):
        ner.add_label(label)
    examples = _examples(nlp)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(40):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.1)
    rng = np.random.default_rng(seed)
    for word in ("klacht", "jeugdbeschermer", "verslag", "plaatsing", "gesprek", "rechter"):
        nlp.vocab.set_vector(word, rng.normal(size=16).astype("float32"))
    nlp.to_disk(folder)
    return folder
