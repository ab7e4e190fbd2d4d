"""The anonymiser: runs the registered recognisers over a spaCy doc, resolves their spans,
adds coreferent mentions, replaces, and checks the result for leftovers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from nlp.anonymise import coref, lexicons, residual
from nlp.anonymise.context import Context
from nlp.anonymise.protected import find_protected
from nlp.anonymise.recognisers import REGISTRY
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

    def find(self, doc: Doc) -> list[Entity]:
        ctx = Context(text=doc.text, doc=doc, lex=self.lex)
        ctx.protected = find_protected(doc.text, self.lex)
        candidates: list[Entity] = []
        for recogniser in REGISTRY:
            candidates.extend(recogniser.find(ctx))
        first = resolve(candidates)
        more = [
            e
            for e in coref.propagate(doc.text, first, self.lex)
            if not ctx.is_protected(e.start, e.end)
        ]
        return resolve(first + more) if more else first

    def anonymise_doc(self, doc: Doc) -> AnonymisedText:
        entities = self.find(doc)
        text = replace(doc.text, entities, self.policy)
        return AnonymisedText(
            text=text, entities=entities, residual_flags=residual.check(text, self.lex)
        )

    def anonymise(self, text: str) -> AnonymisedText:
        return self.anonymise_doc(self.pipeline.nlp(text))

    def pipe(
        self, texts: Iterable[str], batch_size: int = 32
    ) -> Iterator[tuple[Doc, AnonymisedText]]:
        for doc in self.pipeline.nlp.pipe(texts, batch_size=batch_size):
            yield doc, self.anonymise_doc(doc)
