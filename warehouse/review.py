"""A person finishing what the anonymiser could not: reading a document the residual check
marked 'controle nodig' (or one a reader found a leak in later), redacting what is left and
clearing it.

The redactions go into the stored text and everything derived from it (the evidence sentences;
words and labels of stored topics), in one transaction; the caller republishes the snapshot.
Nothing here logs: the texts are personal data until the review is done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from nlp.anonymise.redact import Edit, Redaction, apply, apply_to_fragment, plan
from schemas.vocabulary import DocumentStatus
from warehouse.db import transaction


@dataclass(frozen=True)
class ReviewDocument:
    document_id: str
    status: str
    flags: list[str]
    text: str  # anonymised


@dataclass(frozen=True)
class ReviewResult:
    document_id: str
    redacted: int  # places in the text
    evidence_rows: int  # evidence sentences changed
    topic_rows: int  # topics whose words or label changed


def find_documents(
    con: duckdb.DuckDBPyConnection, id_prefix: str, *, only_review: bool = False
) -> list[ReviewDocument]:
    """Documents whose id starts with ``id_prefix``: those marked 'controle nodig', or any
    stored complaint (a leak found after it was cleared can still be redacted)."""
    rows = con.execute(
        "SELECT d.document_id, d.status, coalesce(d.residual_flags, []), c.text "
        "FROM documents d JOIN complaints c USING (document_id) "
        "WHERE starts_with(d.document_id, ?) AND (NOT ? OR d.status = ?) "
        "ORDER BY d.document_id",
        [id_prefix, only_review, DocumentStatus.CONTROLE_NODIG],
    ).fetchall()
    return [ReviewDocument(r[0], r[1], list(r[2]), r[3]) for r in rows]


def _words(edit: Edit) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{3,}", edit.old)}


def _stem(word: str) -> str:
    """ "kayleighs" -> "kayleigh": a possessive of a redacted name goes with it."""
    low = word.lower()
    return low[:-2] if low.endswith(("'s", "’s")) else low[:-1] if low.endswith("s") else low


def _topics(con: duckdb.DuckDBPyConnection, edits: list[Edit]) -> int:
    """Topic words are lowercase c-TF-IDF terms: a redacted name among them is dropped, and a
    label that showed it is rebuilt from the remaining words."""
    gone = set().union(*(_words(e) for e in edits)) if edits else set()
    if not gone:
        return 0
    changed = 0
    rows = con.execute(
        "SELECT topic_run_id, topic_id, label, words, coalesce(passages, []) FROM topics"
    ).fetchall()
    for run_id, topic_id, label, words, passages in rows:
        kept = [w for w in words if w.lower() not in gone and _stem(w) not in gone]
        label_words = {w.lower() for w in re.findall(r"[^\W\d_]+", label)}
        shown = [_redact_passage(p, edits) for p in passages]  # passages are complaint text
        if shown != passages:
            con.execute(
                "UPDATE topics SET passages = ? WHERE topic_run_id = ? AND topic_id = ?",
                [shown, run_id, topic_id],
            )
        if len(kept) == len(words) and not (label_words & gone):
            changed += shown != passages
            continue
        if label_words & gone:
            # labels read "<theme or kind>: word, word, word, word" (application/topics.py)
            prefix, sep, _ = label.partition(": ")
            label = f"{prefix}{sep}{', '.join(kept[:4])}" if sep else "(weggelakt)"
        con.execute(
            "UPDATE topics SET words = ?, label = ? WHERE topic_run_id = ? AND topic_id = ?",
            [kept, label, run_id, topic_id],
        )
        changed += 1
    return changed


def _redact_passage(passage: str, edits: list[Edit]) -> str:
    """A stored passage (issue 17) with each redacted string replaced as in the text."""
    for e in sorted(edits, key=lambda e: -len(e.old)):
        if e.old.strip():
            passage = re.sub(re.escape(e.old), lambda _m, e=e: e.new, passage, flags=re.I)
    return passage


def redact_and_clear(
    con: duckdb.DuckDBPyConnection, doc: ReviewDocument, redactions: list[Redaction]
) -> ReviewResult:
    """Redact in the stored text and its derived rows, then mark the document checked.
    Raises ``RedactionError`` (nothing changes) when a redaction cannot be carried out."""
    edits = plan(doc.text, redactions) if redactions else []
    new_text = apply(doc.text, edits)
    evidence_rows = 0
    with transaction(con):
        if edits:
            con.execute(
                "UPDATE complaints SET text = ? WHERE document_id = ?", [new_text, doc.document_id]
            )
            for theme, index, sentence in con.execute(
                "SELECT theme, sentence_index, sentence FROM theme_evidence WHERE document_id = ?",
                [doc.document_id],
            ).fetchall():
                new = apply_to_fragment(sentence, edits, doc.text)
                if new != sentence:
                    con.execute(
                        "UPDATE theme_evidence SET sentence = ? WHERE document_id = ? "
                        "AND theme = ? AND sentence_index = ?",
                        [new, doc.document_id, theme, index],
                    )
                    evidence_rows += 1
        topic_rows = _topics(con, edits)
        con.execute(
            "UPDATE documents SET status = ?, reviewed_at = ? WHERE document_id = ?",
            [DocumentStatus.VERWERKT, datetime.now(UTC), doc.document_id],
        )
    return ReviewResult(doc.document_id, len(edits), evidence_rows, topic_rows)


def mark_reviewed(con: duckdb.DuckDBPyConnection, id_prefix: str) -> list[str]:
    """Set status 'verwerkt' for the one 'controle nodig' document whose id starts with
    ``id_prefix`` without redacting anything. Returns the matching ids; nothing changes unless
    exactly one matches."""
    docs = find_documents(con, id_prefix, only_review=True)
    if len(docs) == 1:
        redact_and_clear(con, docs[0], [])
    return [d.document_id for d in docs]
