"""Re-scoring stored complaints with another theme model, one transaction per chunk.

The kind (klacht / geen klacht) is decided again with the themes (nlp/themes/kind.py), and a
document a person labelled keeps that person's themes and kind (``labels.apply_labels``).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from nlp.language import is_other_language
from nlp.themes.kind import DEFAULT_MIN_WORDS, settle
from schemas.records import ThemeResult
from schemas.vocabulary import DocumentStatus
from warehouse.db import insert_rows, transaction
from warehouse.labels import apply_labels
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
    con: duckdb.DuckDBPyConnection,
    results: Sequence[tuple[str, ThemeResult]],
    min_words: int = DEFAULT_MIN_WORDS,
) -> None:
    """New themes and evidence for these documents, their kind settled again, staff labels kept."""
    ids = [doc_id for doc_id, _ in results]
    # documents loaded without a word count are not judged on length; a text in another
    # language stays without a theme (nlp/themes/kind.py)
    known = {
        doc_id: (n_words, language)
        for doc_id, n_words, language in con.execute(
            "SELECT document_id, coalesce(n_words, ?), language FROM documents "
            "WHERE list_contains(?, document_id)",
            [min_words, ids],
        ).fetchall()
    }
    settled = []
    for doc_id, r in results:
        n_words, language = known.get(doc_id, (min_words, None))
        settled.append((doc_id, settle(r, n_words, min_words, language)))
    themes, evidence = [], []
    for doc_id, result in settled:
        t, e = theme_rows(doc_id, result)
        themes.extend(t)
        evidence.extend(e)
    with transaction(con):
        con.execute("DELETE FROM theme_evidence WHERE list_contains(?, document_id)", [ids])
        con.execute("DELETE FROM complaint_themes WHERE list_contains(?, document_id)", [ids])
        insert_rows(con, "complaint_themes", themes)
        insert_rows(con, "theme_evidence", evidence)
        for doc_id, result in settled:
            con.execute(
                "UPDATE complaints SET classifier_version = ? WHERE document_id = ?",
                [result.model_version, doc_id],
            )
            con.execute(
                "UPDATE documents SET kind = ? WHERE document_id = ?", [str(result.kind), doc_id]
            )
        # a text in another language waits for a person, also when it was stored before the
        # language rule (unless a person has already looked at it). Its reason is in
        # documents.language; the flag list is not rewritten, as DuckDB updates a list column
        # by delete and insert, which the foreign keys on documents forbid.
        other = [doc_id for doc_id, (_, language) in known.items() if is_other_language(language)]
        if other:
            con.execute(
                "UPDATE documents SET status = ? "
                "WHERE list_contains(?, document_id) AND reviewed_at IS NULL",
                [DocumentStatus.CONTROLE_NODIG, other],
            )
        apply_labels(con, ids)
