"""Batch loads: everything of one batch in one transaction, bulk-inserted through Arrow.

A crash before COMMIT leaves nothing of the batch behind; the files are still in the inbox and
the next run processes them again. Files are only moved after COMMIT.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from nlp.dedup import SIGNATURE_SCHEME
from schemas.records import THEME_KEYS, ProcessedDocument, QuarantinedFile, ThemeResult
from schemas.vocabulary import IntakeOutcome, RunStatus
from warehouse.db import insert_rows, transaction
from warehouse.duplicates import Link


@dataclass
class BatchLoad:
    processed: list[ProcessedDocument] = field(default_factory=list)
    quarantined: list[tuple[QuarantinedFile, str]] = field(
        default_factory=list
    )  # (record, stored_as)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file_ref, content_id)
    # file_ref -> the complaint a duplicate repeats (same bytes or same text; warehouse/duplicates)
    links: dict[str, Link] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.processed) + len(self.quarantined) + len(self.duplicates)


def load_batch(con: duckdb.DuckDBPyConnection, run_id: str, batch: BatchLoad) -> None:
    """Everything of one batch in one transaction: documents, complaints, themes, evidence,
    signatures, quarantine and intake."""
    now = datetime.now(UTC)
    documents, complaints, themes, evidence, intake = [], [], [], [], []
    signatures = []
    for d in batch.processed:
        documents.append(
            {
                "document_id": d.content_id,
                "file_ref": d.file_ref,
                "file_type": d.file_type,
                "size_bytes": d.size_bytes,
                "received_at": d.received_at,
                "loaded_at": now,
                "pages": d.pages,
                "n_words": d.n_words,
                "language": d.language,
                "status": d.status,
                "residual_flags": d.residual_flags,
                "run_id": run_id,
                "letter_date": d.letter_date,
                "text_fingerprint": d.text_fingerprint or None,
                "duplicate_of": d.duplicate_of,
                "similarity": d.similarity,
                "ocr": d.ocr,
                "ocr_confidence": d.ocr_confidence,
                "kind": str(d.kind),
            }
        )
        if d.signature:
            signatures.append(
                {
                    "document_id": d.content_id,
                    "scheme": SIGNATURE_SCHEME,
                    "minhash": d.signature,
                    "identity": d.identity,
                }
            )
        complaints.append(
            {
                "document_id": d.content_id,
                "text": d.text,
                "n_entities": sum(d.entity_counts.values()),
                "entity_counts": json.dumps(d.entity_counts, sort_keys=True),
                "pipeline": d.pipeline,
                "anonymiser_version": d.anonymiser_version,
                "classifier_version": d.themes.model_version,
                "municipality": d.municipality,
                "organisation": d.organisation,
                "complainant_role": d.complainant_role,
                "measure": d.measure,
            }
        )
        t_rows, e_rows = theme_rows(d.content_id, d.themes)
        themes.extend(t_rows)
        evidence.extend(e_rows)
        link = Link(d.duplicate_of, d.similarity or 0.0, "bijna") if d.duplicate_of else None
        intake.append(_intake(d.file_ref, d.content_id, IntakeOutcome.VERWERKT, run_id, now, link))
    quarantine = []
    for q, stored_as in batch.quarantined:
        quarantine.append(
            {
                "file_ref": q.file_ref,
                "content_id": q.content_id,
                "file_type": q.file_type,
                "reason_code": q.reason_code,
                "reason": q.reason,
                "stored_as": stored_as,
                "quarantined_at": now,
                "run_id": run_id,
            }
        )
        intake.append(_intake(q.file_ref, q.content_id, IntakeOutcome.QUARANTAINE, run_id, now))
    intake.extend(
        _intake(ref, cid, IntakeOutcome.DUPLICAAT, run_id, now, batch.links.get(ref))
        for ref, cid in batch.duplicates
    )

    with transaction(con):
        insert_rows(con, "documents", documents)
        insert_rows(con, "complaints", complaints)
        insert_rows(con, "complaint_themes", themes)
        insert_rows(con, "theme_evidence", evidence)
        insert_rows(con, "document_signatures", signatures)
        insert_rows(con, "quarantine", quarantine)
        insert_rows(con, "intake", intake)


def theme_rows(document_id: str, result: ThemeResult) -> tuple[list[dict], list[dict]]:
    """Rows for ``complaint_themes`` (all six themes, with scores) and ``theme_evidence``."""
    themes = [
        {
            "document_id": document_id,
            "theme": key,
            "score": float(result.scores.get(key, 0.0)),
            "assigned": key in result.assigned,
            "is_primary": key == result.primary,
            "model_version": result.model_version,
        }
        for key in THEME_KEYS
    ]
    evidence = [
        {
            "document_id": document_id,
            "theme": e.theme,
            "sentence_index": e.sentence_index,
            "sentence": e.sentence,
            "score": e.score,
        }
        for e in result.evidence
    ]
    return themes, evidence


def _intake(
    file_ref: str,
    content_id: str | None,
    outcome: str,
    run_id: str,
    now: datetime,
    link: Link | None = None,
) -> dict:
    return {
        "file_ref": file_ref,
        "content_id": content_id,
        "outcome": outcome,
        "run_id": run_id,
        "seen_at": now,
        "duplicate_of": link.duplicate_of if link else None,
        "similarity": link.similarity if link else None,
        "duplicate_kind": link.kind if link else None,
    }


def set_date_basis(con: duckdb.DuckDBPyConnection, basis: str) -> None:
    """The day complaints count on in every view (``date_basis``: brief | ontvangst)."""
    with transaction(con):
        con.execute("DELETE FROM count_settings")
        con.execute("INSERT INTO count_settings VALUES (?)", [basis])


def known_documents(con: duckdb.DuckDBPyConnection, content_ids: Iterable[str]) -> set[str]:
    """The content ids among ``content_ids`` that the warehouse already holds."""
    ids = sorted(set(content_ids))
    if not ids:
        return set()
    rows = con.execute(
        "SELECT document_id FROM documents WHERE document_id IN (SELECT unnest(?))", [ids]
    ).fetchall()
    return {r[0] for r in rows}


def recorded_outcomes(
    con: duckdb.DuckDBPyConnection, pairs: Sequence[tuple[str, str | None]]
) -> dict[tuple[str, str | None], str]:
    """Outcome already recorded for (file_ref, content_id): a crash between COMMIT and the
    file move leaves such a file in the inbox; it must be archived, not counted again."""
    if not pairs:
        return {}
    refs = sorted({p[0] for p in pairs})
    rows = con.execute(
        "SELECT file_ref, content_id, outcome FROM intake WHERE file_ref IN (SELECT unnest(?))",
        [refs],
    ).fetchall()
    return {(r[0], r[1]): r[2] for r in rows}


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, **versions: str) -> None:
    """Record a new run as 'bezig' (and a run a crash left 'bezig' as 'afgebroken')."""
    con.execute(  # a run still 'bezig' here was killed: only one run holds the lock at a time
        "UPDATE runs SET status = ? WHERE status = ?", [RunStatus.AFGEBROKEN, RunStatus.BEZIG]
    )
    con.execute(
        "INSERT INTO runs (run_id, started_at, status, pipeline, anonymiser_version, "
        "classifier_version, rodedraad_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            run_id,
            datetime.now(UTC),
            RunStatus.BEZIG,
            versions.get("pipeline"),
            versions.get("anonymiser_version"),
            versions.get("classifier_version"),
            versions.get("rodedraad_version"),
        ],
    )


def set_run_versions(
    con: duckdb.DuckDBPyConnection, run_id: str, pipeline: str, classifier_version: str
) -> None:
    """The pipeline and classifier the workers really used, once the first batch is in."""
    con.execute(
        "UPDATE runs SET pipeline = ?, classifier_version = ? WHERE run_id = ?",
        [pipeline, classifier_version, run_id],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: dict[str, int]
) -> None:
    """Close the run's record with its status and counts."""
    con.execute(
        "UPDATE runs SET ended_at = ?, status = ?, n_files = ?, n_processed = ?, "
        "n_duplicates = ?, n_quarantined = ?, n_words = ? WHERE run_id = ?",
        [
            datetime.now(UTC),
            status,
            counts.get("files", 0),
            counts.get("processed", 0),
            counts.get("duplicates", 0),
            counts.get("quarantined", 0),
            counts.get("words", 0),
            run_id,
        ],
    )


def recorded_quarantine(
    con: duckdb.DuckDBPyConnection, file_refs: Sequence[str]
) -> dict[tuple[str, str | None], tuple[str, str]]:
    """(stored_as, reason) recorded for quarantined files, by (file_ref, content_id): a file
    whose move failed after the commit is set aside later under its recorded name and reason."""
    refs = sorted(set(file_refs))
    if not refs:
        return {}
    rows = con.execute(
        "SELECT file_ref, content_id, stored_as, reason FROM quarantine "
        "WHERE file_ref IN (SELECT unnest(?)) ORDER BY quarantined_at",
        [refs],
    ).fetchall()
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}
