"""Marking a 'controle nodig' document as checked by a person."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb


def mark_reviewed(con: duckdb.DuckDBPyConnection, id_prefix: str) -> list[str]:
    """Set status 'verwerkt' for the one document whose id starts with ``id_prefix``.

    Returns the matching ids; nothing changes unless exactly one matches.
    """
    rows = con.execute(
        "SELECT document_id FROM documents WHERE status = 'controle nodig' "
        "AND starts_with(document_id, ?)",
        [id_prefix],
    ).fetchall()
    ids = [r[0] for r in rows]
    if len(ids) == 1:
        con.execute(
            "UPDATE documents SET status = 'verwerkt', reviewed_at = ? WHERE document_id = ?",
            [datetime.now(UTC), ids[0]],
        )
    return ids
