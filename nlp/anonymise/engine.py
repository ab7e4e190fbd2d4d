"""The anonymiser: runs the active recognisers over a spaCy doc, applies the chain-organisation
allow-list to everything they proposed, resolves overlaps, adds coreferent mentions, replaces,
and checks the result for leftovers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from nlp.anonymise import (
    coref,
    extend,
    lexicons,
    linebreaks,
    namelike,
    nonlatin,
    person_features,
    person_tagger,
    residual,
    shouting,
)
from nlp.anonymise.context import Context
from nlp.anonymise.ocr_digits import view as scan_view
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
        self._load_models()

    def _load_models(self) -> None:
        """Load now what the name recognisers would load on first use (the trained tagger,
        the name-likeness model, the word frequencies): the first document pays nothing."""
        names = {r.name for r in self.recognisers}
        if names & {"namen", "namentagger"}:
            namelike.load(self.lex)
            person_features.preload()
        if "namentagger" in names:
            person_tagger.current()

    def find(self, doc: Doc, text: str | None = None) -> list[Entity]:
        """Spans in ``text``, the text ``doc`` was made from (doc.text rebuilds the string)."""
        text = doc.text if text is None else text
        joined, offsets, shouted = _joined(text)
        if offsets is None:
            return self._find(doc, text)
        # Names broken over PDF line ends: recognise on the joined text, map back.
        jdoc = self.pipeline.nlp(joined, disable=self.unused)
        return linebreaks.back(self._find(jdoc, joined, shouted), offsets)

    def _find(self, doc: Doc, text: str, shouted: str | None = None) -> list[Entity]:
        """``shouted``: ``text`` before its runs of capitals were lowercased (None when it had
        none): a found name met again in capitals is that name."""
        ctx = Context(text=text, doc=doc, lex=self.lex, has_ner=self.has_ner)
        candidates: list[Entity] = []
        for recogniser in self.recognisers:
            candidates.extend(recogniser.find(ctx))
        # The allow-list is applied here and nowhere else: to everything the recognisers
        # proposed, and to the further mentions coreference proposes from those names.
        protected = find_protected(text, self.lex)
        first = resolve(allow(candidates, protected, text, self.lex), text)
        near = extend.neighbours(text, first, self.lex) + nonlatin.names(text, first, self.lex)
        near = allow(near, protected, text, self.lex)
        if near:
            first = resolve(first + near, text)
        found = coref.propagate(text, first, self.lex, shouted)
        found += extend.variants(text, first, self.lex)
        found += extend.neighbours(text, found, self.lex)  # "Kasia" before a later "Wiśniewska"
        more = allow(found, protected, text, self.lex)
        return resolve(first + more, text) if more else first

    def anonymise_doc(self, doc: Doc, original: str | None = None) -> AnonymisedText:
        """``original`` is the text the doc was made from (doc.text would rebuild it)."""
        original = doc.text if original is None else original
        return self._result(original, self.find(doc, original))

    def _result(self, original: str, entities: list[Entity]) -> AnonymisedText:
        text = replace(original, entities, self.policy)
        return AnonymisedText(
            text=text, entities=entities, residual_flags=residual.check(text, self.lex)
        )

    def _anonymise_joined(
        self,
        doc: Doc,
        original: str,
        joined: str,
        offsets: list[int] | None,
        shouted: str | None = None,
    ) -> AnonymisedText:
        """``doc`` was made from ``joined`` (the text with broken names closed): tokenised
        once, spans mapped back onto ``original``."""
        entities = self._find(doc, joined, shouted)
        if offsets is not None:
            entities = linebreaks.back(entities, offsets)
        return self._result(original, entities)

    def docs(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """spaCy docs with only the components the recognisers need."""
        return self.pipeline.nlp.pipe(texts, batch_size=batch_size, disable=self.unused)

    def anonymise(self, text: str) -> AnonymisedText:
        joined, offsets, shouted = _joined(text)
        doc = next(iter(self.docs([joined])))
        return self._anonymise_joined(doc, text, joined, offsets, shouted)

    def pipe(
        self, texts: Iterable[str], batch_size: int = 32
    ) -> Iterator[tuple[Doc, AnonymisedText]]:
        """Anonymised texts with their docs (a doc is made from the text with names broken
        over line ends joined, see ``linebreaks``)."""

        def prepared() -> Iterator[tuple[str, tuple[str, str, list[int] | None, str | None]]]:
            for text in texts:
                joined, offsets, shouted = _joined(text)
                yield joined, (text, joined, offsets, shouted)

        pairs = self.pipeline.nlp.pipe(
            prepared(), as_tuples=True, batch_size=batch_size, disable=self.unused
        )
        for doc, (text, joined, offsets, shouted) in pairs:
            yield doc, self._anonymise_joined(doc, text, joined, offsets, shouted)


def _joined(text: str) -> tuple[str, list[int] | None, str | None]:
    """The text with names broken over line ends closed, a letter-spaced scan read as written
    and shouted runs lowercased, the offset map (None when the text is unchanged), and the
    same text before the lowercasing (None when nothing was shouted)."""
    joined, offsets = text, None
    if linebreaks.needed(text):
        joined, offsets = linebreaks.join(text)
        if joined == text:
            offsets = None
    scanned = scan_view(joined)  # a letter-spaced scan, read as written
    if scanned is not None:
        joined, spaced = scanned
        offsets = spaced if offsets is None else [offsets[i] for i in spaced]
    lowered = shouting.lowered(joined)  # same length: the offsets stay as they are
    if lowered is not joined and offsets is None:
        offsets = list(range(len(text) + 1))
    return lowered, offsets, (None if lowered is joined else joined)
