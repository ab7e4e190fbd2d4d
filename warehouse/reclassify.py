"""Re-scoring stored complaints with another theme model, one transaction per chunk."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from schemas.records import ThemeResult
from warehouse.db import insert_rows, transaction
from warehouse.load import theme_rows


def stale(
    con: duckdb.DuckDBPyConnection, version: str, everything: bool = False
) -> list[tuple[str, str]]:
    """(document id, anonymised text) of complaints not scored by ``version``."""
    sql = "SELECT document_id, text FROM complaints"
    if everything:
        return con.execute(sql + " ORDER BY document_id").fetchall()
    return con.execute(
        sql + " WHERE classifier_version <> ? ORDER BY document_id", [version]
    ).fetchall()


def replace_themes(
    con: duckdb.DuckDBPyConnection, results: Sequence[tuple[str, ThemeResult]]
) -> None:
    ids = [doc_id for doc_id, _ in results]
    themes, evidence = [], []
    for doc_id, result in results:
        t, e = theme_rows(doc_id, result)
        themes.extend(t)
        evidence.extend(e)
    with transaction(con):
        con.execute("DELETE FROM theme_evidence WHERE list_contains(?, document_id)", [ids])
        con.execute("DELETE FROM complaint_themes WHERE list_contains(?, document_id)", [ids])
        insert_rows(con, "complaint_themes", themes)
        insert_rows(con, "theme_evidence", evidence)
        for doc_id, result in results:
            con.execute(
                "UPDATE complaints SET classifier_version = ? WHERE document_id = ?",
                [result.model_version, doc_id],
            )
