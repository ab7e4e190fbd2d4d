"""The anonymiser: runs the active recognisers over a spaCy doc, applies the chain-organisation
allow-list to everything they proposed, resolves overlaps, adds coreferent mentions, replaces,
and checks the result for leftovers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from nlp.anonymise import coref, extend, lexicons, residual
from nlp.anonymise.context import Context
from nlp.anonymise.protected import allow, find_protected
from nlp.anonymise.recognisers import active
from nlp.anonymise.replace import Policy, replace
from nlp.anonymise.resolve import resolve
from nlp.pipeline import LoadedPipeline
from schemas.records import AnonymisedText, Entity


class Anonymiser:
    """Stateless per document; lexicons and the spaCy pipeline are shared per process."""

    def __init__(self, pipeline: LoadedPipeline, policy: Policy | None = None) -> None:
        self.pipeline = pipeline
        self.lex = lexicons.load()
        self.policy = policy or Policy()
        self.recognisers = active(self.policy.off)
        self.has_ner = "ner" in pipeline.nlp.pipe_names
        # Only NER (and what feeds it) is read by a recogniser: skip the rest when anonymising.
        self.unused = [
            p for p in pipeline.nlp.pipe_names if p not in ("tok2vec", "transformer", "ner")
        ]

    def find(self, doc: Doc, text: str | None = None) -> list[Entity]:
        text = doc.text if text is None else text  # doc.text rebuilds the string every time
        ctx = Context(text=text, doc=doc, lex=self.lex, has_ner=self.has_ner)
        candidates: list[Entity] = []
        for recogniser in self.recognisers:
            candidates.extend(recogniser.find(ctx))
        # The allow-list is applied here and nowhere else: to everything the recognisers
        # proposed, and to the further mentions coreference proposes from those names.
        protected = find_protected(text, self.lex)
        first = resolve(allow(candidates, protected, text, self.lex), text)
        near = allow(extend.neighbours(text, first, self.lex), protected, text, self.lex)
        if near:
            first = resolve(first + near, text)
        found = coref.propagate(text, first, self.lex) + extend.variants(text, first, self.lex)
        found += extend.neighbours(text, found, self.lex)  # "Kasia" before a later "Wiśniewska"
        more = allow(found, protected, text, self.lex)
        return resolve(first + more, text) if more else first

    def anonymise_doc(self, doc: Doc, original: str | None = None) -> AnonymisedText:
        """``original`` is the text the doc was made from (doc.text would rebuild it)."""
        original = doc.text if original is None else original
        entities = self.find(doc, original)
        text = replace(original, entities, self.policy)
        return AnonymisedText(
            text=text, entities=entities, residual_flags=residual.check(text, self.lex)
        )

    def docs(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """spaCy docs with only the components the recognisers need."""
        return self.pipeline.nlp.pipe(texts, batch_size=batch_size, disable=self.unused)

    def anonymise(self, text: str) -> AnonymisedText:
        return self.anonymise_doc(next(iter(self.docs([text]))), text)

    def pipe(
        self, texts: Iterable[str], batch_size: int = 32
    ) -> Iterator[tuple[Doc, AnonymisedText]]:
        pairs = self.pipeline.nlp.pipe(
            ((t, t) for t in texts), as_tuples=True, batch_size=batch_size, disable=self.unused
        )
        for doc, text in pairs:
            yield doc, self.anonymise_doc(doc, text)
