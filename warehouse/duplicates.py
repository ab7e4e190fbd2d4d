"""Which processed documents repeat a complaint already counted: decided by the flow (the one
DuckDB writer) just before a batch is loaded, against the warehouse and the documents of this run.

- Same normalised text (``text_fingerprint``, keyed): not loaded; the file's intake row says
  ``duplicaat`` and points at the complaint it repeats (``duplicate_kind = 'tekst'``).
- Near-duplicate (``nlp.dedup.similarity``): loaded, with ``duplicate_of`` set to the first
  complaint of its group and the similarity; the views count the group once.

Candidates: the MinHash signatures (datasketch) of all stored documents are read once per run, on
the first document that needs them (a run with nothing new costs nothing), into one matrix; a
new document's estimated Jaccard similarity to every stored one is then a single vectorised
comparison (~2 ms for 10,000 documents; faster here than building an LSH index each run). The
few candidates above ``CANDIDATE_THRESHOLD`` are compared exactly on the shingles of their
anonymised text (``complaints.text``). Documents loaded before migration 009 get their signature
the first time the matrix is built. ``benchmarks/bench_dedup.py --scale N`` times it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from nlp.dedup import SIGNATURE_SCHEME, Comparison, compare, shingles, signature
from nlp.dedup.similarity import NUM_PERM
from schemas.records import ProcessedDocument

# Estimated Jaccard from which a document is compared exactly. Low enough for a short letter
# inside a long forwarding e-mail (a covering note of ~25 words on a 100-word letter: ~0.35).
CANDIDATE_THRESHOLD = 0.3
MAX_CANDIDATES = 20


@dataclass(frozen=True)
class Link:
    duplicate_of: str
    similarity: float
    kind: str  # bestand | tekst | bijna


class DuplicateFinder:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._fingerprints: dict[str, str] = {}  # this run: fingerprint -> group root
        self._ids: list[str] | None = None  # row i of the signature matrix
        self._matrix = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self._roots: dict[str, str] = {}  # document -> group root
        self._shingles: dict[str, set[str]] = {}  # this run's documents and candidates read
        self._identity: dict[str, list[str]] = {}

    def resolve(self, processed: list[ProcessedDocument]) -> tuple[list, dict[str, Link]]:
        """Returns the documents to load (near-duplicates marked) and, per file_ref, the link of
        each document that is a duplicate by text and must not be loaded."""
        keep: list[ProcessedDocument] = []
        dropped: dict[str, Link] = {}
        for d in processed:
            root = self._same_text(d.text_fingerprint)
            if root is not None:
                dropped[d.file_ref] = Link(root, 1.0, "tekst")
                continue
            own = shingles(d.text)
            if not d.signature:
                d.signature = signature(own)
            match = self._near(d, own)
            if match is not None:
                d.duplicate_of, d.similarity = match
            self._remember(d, own)
            keep.append(d)
        return keep, dropped

    def _same_text(self, fingerprint: str) -> str | None:
        if not fingerprint:
            return None
        if fingerprint in self._fingerprints:
            return self._fingerprints[fingerprint]
        row = self.con.execute(
            "SELECT coalesce(duplicate_of, document_id) FROM documents "
            "WHERE text_fingerprint = ? ORDER BY loaded_at LIMIT 1",
            [fingerprint],
        ).fetchone()
        return row[0] if row else None

    def _near(self, d: ProcessedDocument, own: set[str]) -> tuple[str, float] | None:
        ids = self._load()
        if not ids:
            return None
        estimate = (self._matrix == np.asarray(d.signature, dtype=np.uint32)).mean(axis=1)
        order = np.argsort(-estimate)[:MAX_CANDIDATES]
        candidates = [ids[i] for i in order if estimate[i] >= CANDIDATE_THRESHOLD]
        best: tuple[Comparison, str] | None = None
        for cid, (other, people) in self._candidates(candidates).items():
            cmp = compare(own, other, d.identity, people)
            if cmp.duplicate and (best is None or cmp.similarity > best[0].similarity):
                best = (cmp, cid)
        if best is None:
            return None
        return self._roots.get(best[1], best[1]), best[0].similarity

    def _remember(self, d: ProcessedDocument, own: set[str]) -> None:
        root = d.duplicate_of or d.content_id
        if d.text_fingerprint:
            self._fingerprints[d.text_fingerprint] = root
        self._roots[d.content_id] = root
        self._shingles[d.content_id] = own
        self._identity[d.content_id] = d.identity
        ids = self._load()
        ids.append(d.content_id)
        row = np.asarray(d.signature, dtype=np.uint32).reshape(1, NUM_PERM)
        self._matrix = np.vstack([self._matrix, row])

    def _candidates(self, ids: list[str]) -> dict[str, tuple[set[str], list[str]]]:
        rest = [i for i in ids if i not in self._shingles]
        if rest:
            rows = self.con.execute(
                "SELECT c.document_id, c.text, s.identity FROM complaints c "
                "LEFT JOIN document_signatures s USING (document_id) "
                "WHERE c.document_id IN (SELECT unnest(?))",
                [rest],
            ).fetchall()
            for doc, text, people in rows:
                self._shingles[doc] = shingles(text)
                self._identity[doc] = list(people or [])
        return {i: (self._shingles[i], self._identity[i]) for i in ids if i in self._shingles}

    def _load(self) -> list[str]:
        if self._ids is None:
            backfill_signatures(self.con)
            table = self.con.sql(
                "SELECT s.document_id, coalesce(d.duplicate_of, d.document_id) AS root, "
                "s.minhash FROM document_signatures s JOIN documents d USING (document_id) "
                "WHERE s.scheme = ? ORDER BY d.loaded_at",
                params=[SIGNATURE_SCHEME],
            ).to_arrow_table()
            self._ids = table.column("document_id").to_pylist()
            self._roots.update(zip(self._ids, table.column("root").to_pylist(), strict=True))
            values = table.column("minhash").combine_chunks().flatten().to_numpy()
            self._matrix = values.astype(np.uint32).reshape(len(self._ids), NUM_PERM)
        return self._ids


def backfill_signatures(con: duckdb.DuckDBPyConnection) -> int:
    """Signatures for documents that have none (loaded before 009, or by an older scheme), from
    their anonymised text. Identity tokens cannot be recovered: they stay empty."""
    rows = con.execute(
        "SELECT c.document_id, c.text FROM complaints c "
        "LEFT JOIN document_signatures s USING (document_id) "
        "WHERE s.document_id IS NULL OR s.scheme <> ?",
        [SIGNATURE_SCHEME],
    ).fetchall()
    if not rows:
        return 0
    from warehouse.db import insert_rows

    con.execute("DELETE FROM document_signatures WHERE scheme <> ?", [SIGNATURE_SCHEME])
    insert_rows(
        con,
        "document_signatures",
        [
            {
                "document_id": doc,
                "scheme": SIGNATURE_SCHEME,
                "minhash": signature(shingles(text)),
                "identity": [],
            }
            for doc, text in rows
        ],
    )
    return len(rows)
